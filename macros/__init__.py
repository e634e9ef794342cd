"""The Calf Pain Guide's build pipeline: load and validate content/, render every page, stage them for the generator.

`python -m macros.stage` validates and stages, `python -m macros.buildsite` is `make build`. No generator loads this
package as a plugin: MkDocs and Zensical build the staged Markdown as it is.
"""
