"""The compiled part of the package: the running batch's per-step bookkeeping (service/engine/_step.pyx).

Everything else is in pyproject.toml. pip builds this in its isolated build environment (Cython comes from
build-system.requires): a machine needs a C compiler and Python's headers, nothing more. An install without
the service's sources (the load-test image) has nothing to compile.
"""

from pathlib import Path

from setuptools import Extension, setup

SOURCE = "service/engine/_step.pyx"

if Path(__file__).with_name("service").joinpath("engine", "_step.pyx").exists():
    from Cython.Build import cythonize

    setup(ext_modules=cythonize([Extension("service.engine._step", [SOURCE], extra_compile_args=["-O3"])],
                                compiler_directives={"language_level": 3}))
else:
    setup()
