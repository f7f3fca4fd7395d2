"""rasm you can look at: the pages the service serves and the HTML corpus report.

- `render`: the Jinja2 environment over `templates/`, and the CSS/JS inlined into every page
  (one request per page, nothing fetched from anywhere else);
- `reading`: a text and its mentions as highlighted segments, entity colours and the side panel;
- `entity_view`: everything the entity page shows (names by style and language, source ids,
  parents, children, homonyms, map);
- `relations`: children and homonyms, from lookups built once per gazetteer;
- `mapsvg`: a small map as inline SVG over the shipped country outlines (Who's On First, CC0).

Jinja2 is imported on first render, so `import rasm` stays light.
"""
