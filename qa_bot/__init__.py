"""qa-bot: extractive, cited question answering over news articles."""

from .bot import QABot
from .loader import LoadError, load_paths
from .question import QuestionError
from .types import Answer, Chunk, Document, Passage

__all__ = ["Answer", "Chunk", "Document", "LoadError", "Passage", "QABot", "QuestionError",
           "load_paths"]
__version__ = "0.1.0"
