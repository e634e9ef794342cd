"""The Calf Pain Guide's build pipeline: load and validate content/, render every page, stage them for the generator.

Layers, each importing only from those below it: base, figures, content, pages, pipeline.
`python -m macros.pipeline.stage` validates and stages; `python -m macros.pipeline.buildsite` is `make build`. No
generator loads this package as a plugin: MkDocs and Zensical build the staged Markdown as it is.
"""
