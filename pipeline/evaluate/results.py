"""The numbers an evaluation produces, as typed records (serialised by ``--json`` and ``make eval``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

#: Why a field counts as wrong: a value where only null is accepted; null where a value is
#: expected; another value; the whole gold act was not found; the predicted act has no gold act.
MissReason = Literal["hallucinated", "omitted", "wrong", "act missed", "extra act"]


class Result(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Accuracy(Result):
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        """correct / total; 1 when there is nothing to score."""
        return self.correct / self.total if self.total else 1.0


class FieldScore(Accuracy):
    """One field over all gold acts: right values, and the kinds of wrong ones."""

    hallucinated: int = Field(0, description="Non-null where only null is accepted (extra acts included)")
    omitted: int = Field(0, description="Null where the gold expects a value")
    wrong: int = Field(0, description="Another value than every accepted one")
    act_missed: int = Field(0, description="Counted wrong because the gold act was not found")


class SetScore(Result):
    tp: int = 0
    fp: int = 0
    fn: int = 0
    precision: float = 1.0
    recall: float = 1.0
    f1: float = 1.0


class ActCounts(Result):
    gold: int = 0
    predicted: int = Field(0, description="Predicted acts in the gold documents")
    matched: int = 0
    missed: int = 0
    extra: int = 0


class DocumentScore(Accuracy):
    doc: str
    gold_acts: int = 0
    predicted_acts: int = 0
    matched: int = 0
    hallucinations: int = 0


class PairInfo(Result):
    doc: str
    gold_index: int
    pred_index: int
    similarity: float


class Miss(Result):
    """A field counted wrong (or a hallucinated value of an extra act)."""

    doc: str
    act_index: int | None = Field(description="The gold act's index (null for an extra act)")
    pred_index: int | None = Field(description="The predicted act's index (null for a missed act)")
    field: str
    reason: MissReason
    gold: Any = None
    predicted: Any = None


class Scores(Result):
    """Everything ``delib eval`` measures on one prediction file."""

    acts: ActCounts
    overall: Accuracy
    fields: dict[str, FieldScore]
    hallucinations: int
    proxies: SetScore
    parties: SetScore
    party_slots: dict[str, SetScore]
    documents: list[DocumentScore]
    pairs: list[PairInfo]
    misses: list[Miss]
    unscored_docs: list[str] = Field(default_factory=list, description="Predicted documents without gold")
    settings: dict[str, float] = Field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """The headline numbers: overall accuracy, proxies and parties F1, hallucinations, acts."""
        return {
            "accuracy": round(self.overall.accuracy, 4),
            "proxies_f1": self.proxies.f1,
            "parties_f1": self.parties.f1,
            "hallucinations": self.hallucinations,
            "acts_gold": self.acts.gold,
            "acts_predicted": self.acts.predicted,
            "acts_matched": self.acts.matched,
        }

    def to_json(self) -> dict[str, Any]:
        """JSON-ready numbers, with each accuracy written out."""
        data = self.model_dump(mode="json")
        data["overall"]["accuracy"] = round(self.overall.accuracy, 4)
        for name, score in self.fields.items():
            data["fields"][name]["accuracy"] = round(score.accuracy, 4)
        for index, document in enumerate(self.documents):
            data["documents"][index]["accuracy"] = round(document.accuracy, 4)
        data["summary"] = self.summary()
        return data


class RenderingResult(Result):
    """One rendering of ``make eval``: how its pipeline run went and its scores."""

    name: str
    files: int = Field(0, description="Input files given to delib run")
    exit_status: int | None = Field(None, description="Exit status of delib run (null: not run; -1: timed out)")
    seconds: float = 0.0
    gold_docs_without_input: list[str] = Field(default_factory=list)
    scores: Scores

    def to_json(self) -> dict[str, Any]:
        """JSON-ready: the scores' numbers plus a ``run`` section."""
        run = self.model_dump(mode="json", exclude={"scores"})
        return {**self.scores.to_json(), "run": run}
