"""Text processing that the front-end processes and export/ share: a model version's tokenizers and
placeholders (TextModel). The engine process imports none of it into its decoding loop."""
