"""The headless core: review model, knowledge base, evaluation and store.

Nothing under ``wizard.core`` may import Textual, questionary or any other front end; a test
imports this package in a fresh interpreter and checks ``sys.modules`` to keep it that way.
"""
