"""Rasa graph component that adds the deterministic entities of ``bot.nlu.extract`` to each message."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.extract import extract


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LiangyeEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Figures, percents, key fields, titles, terms, articles, project types, districts and contacts."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LiangyeEntityExtractor:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to learn; training data keeps its own (absent) entity annotations."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Add our entities to every message with text."""
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            found = [
                {**entity, "start": 0, "end": len(text), "confidence_entity": 1.0, "extractor": self.__class__.__name__}
                for entity in extract(text).entities()
            ]
            message.set(ENTITIES, [*message.get(ENTITIES, []), *found], add_to_output=True)
        return messages
