"""rasm as a web service: a thin FastAPI app over the library.

    uvicorn service.app:app            # or: rasm serve [--host H] [--port P] [--workers N]

Importing this package loads nothing: tables and translation models are loaded when the app
starts (its lifespan), so tests and tools can import the app for free.
"""
