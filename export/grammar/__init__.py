"""The bundled Korean→English corpus: sentences generated from a grammar written for this project.

    from export.grammar import GrammarConfig, generate_corpus, LEXICON_SIZES
    corpus = generate_corpus(GrammarConfig(seed=13))     # {"train": [(ko, en), ...], "dev": ..., "test": ...}
"""

from .generator import (COMBINATION_KINDS, Example, GrammarConfig, combinations, generate_corpus,
                        generate_examples, make_example, possible_combinations, realize, reserve_combinations)
from .lexicon import LEXICON_SIZES

__all__ = ["GrammarConfig", "generate_corpus", "generate_examples", "LEXICON_SIZES", "Example", "make_example",
           "realize", "combinations", "possible_combinations", "reserve_combinations", "COMBINATION_KINDS"]
