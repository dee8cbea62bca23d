"""Rendering result documents for people: the results page to publish (HTML and a WeChat fragment).

Renderers read only the result document (the dict every format renders); they never
read the data folder. Templates are Jinja2 files in ``templates/``.
"""
