"""Sentence construction and the train/dev/test splits.

A sentence is a set of lexical choices (an `Example`); `realize` turns the choices into the Korean
and the English string by rule, so one set of choices has exactly one translation, and the
sampler only makes choices that fit together (tense with time word, verb with object and place).

Held-out design: a share of every kind of pairing (subject+verb, verb+object, verb+place,
object+number, verb+time) is reserved, half for dev and half for test. Training sentences contain
no reserved pairing; a dev (test) sentence contains at least one dev (test) pairing and no test
(dev) one. So dev and test measure whether the model combines known words in new ways. A pairing
is only reserved while both of its words keep at least two unreserved partners, and dev/test keep
only sentences whose every word occurs in training, so each word can be learnt.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import english as en
from .hangul import MEANS as MEANS_PARTICLE
from .hangul import OBJECT, SUBJECT, TOPIC, WITH, attach
from .korean import LEVELS, Form, conjugate, copula
from .lexicon import (ADULT, ALL_THINGS, DROPPED_QUESTION, DROPPED_STATEMENT, INSTRUMENTS, MEANS, NUMBERS_KO,
                      PEOPLE, PERSON, PLACE, THING, TIME, TIMES, VERB, VERBS, Adjunct, Person, Thing, Verb)

SPLITS = ("train", "dev", "test")
COMBINATION_KINDS = ("subject-verb", "verb-object", "verb-place", "object-count", "verb-time")


@dataclass(frozen=True)
class GrammarConfig:
    seed: int = 13                  # same seed → byte-identical corpus
    train_size: int = 200_000
    dev_size: int = 1_000
    test_size: int = 2_000
    heldout_fraction: float = 0.1   # share of each kind of pairing reserved (half dev, half test)

    def __post_init__(self) -> None:
        if min(self.train_size, self.dev_size, self.test_size) < 0:
            raise ValueError(f"split sizes must not be negative: {self}")
        if not 0 < self.heldout_fraction < 1:
            raise ValueError(f"heldout_fraction must be between 0 and 1 (exclusive), got {self.heldout_fraction}")


@dataclass(frozen=True)
class Example:
    """The lexical choices of one sentence and its two renderings."""
    verb: str
    tense: str = "past"
    level: str = "plain"
    negative: bool = False
    question: bool = False
    subject: str | None = None      # None: dropped ("I" in a statement, "you" in a question)
    topic: bool = True              # 은/는 (topic) or 이/가 (subject)
    time: str | None = None
    obj: str | None = None          # Thing key
    count: int | None = None
    counter: str | None = None      # the Korean counter (개, 잔 ...)
    place: str | None = None
    particle: str | None = None     # 에서 | 에 | 로 for the place
    companion: str | None = None
    adjunct: str | None = None      # means of transport or instrument key
    recipient: str | None = None
    ko: str = field(default="", compare=False)
    en: str = field(default="", compare=False)


# --------------------------------------------------------------------------- realisation

_ADJUNCTS: dict[str, Adjunct] = {a.key: a for a in MEANS}
for _group in INSTRUMENTS.values():
    _ADJUNCTS.update({a.key: a for a in _group})


def _subject(ex: Example) -> Person:
    if ex.subject is not None:
        return PERSON[ex.subject]
    return DROPPED_QUESTION if ex.question else DROPPED_STATEMENT


def _counter(thing: Thing, ko: str):
    return next(c for c in thing.counters if c.ko == ko)


def _korean(ex: Example) -> str:
    verb = VERB[ex.verb]
    words: list[str] = []
    time = TIME[ex.time].ko if ex.time else ""
    if ex.subject is not None:
        subject = attach(PERSON[ex.subject].ko, TOPIC if ex.topic else SUBJECT)
        # A topic opens the sentence (민수는 어제 ...); a subject with 이/가 reads best after the
        # time word (어제 민수가 ...).
        words += [subject, time] if ex.topic else [time, subject]
    else:
        words.append(time)
    if ex.companion:
        words.append(attach(PERSON[ex.companion].ko, WITH) + " 같이")
    adjunct = attach(_ADJUNCTS[ex.adjunct].ko, MEANS_PARTICLE) if ex.adjunct else ""
    if verb.frame == "motion":
        words.append(adjunct)                 # means before the destination: 버스로 학교에 갔어
    if ex.place and verb.frame != "place_object":
        place = PLACE[ex.place].ko
        words.append(attach(place, MEANS_PARTICLE) if ex.particle == "로" else place + ex.particle)
    if verb.frame != "motion":
        words.append(adjunct)                 # instrument next to the object: 집에서 젓가락으로 라면을
    if ex.recipient:
        person = PERSON[ex.recipient]
        words.append(person.ko + ("께" if person.honorific else "에게"))   # 께: honorific dative
    honorific = ex.subject is not None and PERSON[ex.subject].honorific
    if verb.frame == "copula":
        words.append(copula(THING[ex.obj].ko, ex.tense, ex.level, ex.negative, ex.question))
    else:
        if verb.frame == "place_object":
            words.append(attach(PLACE[ex.place].ko, OBJECT))
        elif ex.obj and ex.count:
            words.append(f"{THING[ex.obj].ko} {NUMBERS_KO[ex.count]} {attach(ex.counter, OBJECT)}")
        elif ex.obj:
            words.append(attach(THING[ex.obj].ko, OBJECT))
        form = Form(ex.tense, ex.level, ex.negative, ex.question)
        words.append(conjugate(verb.ko, form, verb.irregular, honorific, verb.honorific_form))
    return " ".join(w for w in words if w) + ("?" if ex.question else ".")


def thing_english(thing: Thing, form: str = "bare", possessive: str | None = None,
                  plural_owner: bool = False) -> str:
    """The English noun phrase of a bare object: an apple, coffee, cookies, the TV, my keys."""
    if form == "possessive":
        if thing.poss_noun:                   # already the right number: my keys, their hands
            return f"{possessive} {thing.poss_noun}"
        return f"{possessive} {en.plural(thing.noun) if plural_owner else thing.noun}"   # their faces
    if form == "definite":
        return thing.definite or (thing.fixed if thing.fixed.startswith("the ") else f"the {thing.noun}")
    if thing.kind == "fixed":
        return thing.fixed
    if thing.kind == "mass":
        return thing.noun
    if thing.kind == "plural" or form == "generic":
        return en.plural_phrase(thing.noun)
    return en.indefinite(thing.noun)


def counted_english(thing: Thing, counter_ko: str, n: int) -> str:
    """사과 세 개 → three apples; 커피 두 잔 → two cups of coffee; 신발 한 켤레 → one pair of shoes."""
    unit = _counter(thing, counter_ko).unit
    number = en.number_word(n)
    if unit is None:
        return f"{number} {thing.noun if n == 1 else en.plural_phrase(thing.noun)}"
    of = thing.noun if thing.kind == "mass" else en.plural_phrase(thing.noun)
    return f"{number} {unit if n == 1 else en.plural(unit)} of {of}"


def _english(ex: Example) -> str:
    verb = VERB[ex.verb]
    subject = _subject(ex)
    poss = subject.possessive
    verb_en = verb.en.format(poss=poss)
    aux, group = en.verb_group(verb_en, ex.tense, ex.negative, ex.question, subject.person, subject.plural)
    obj = place = ""
    if verb.frame == "copula":
        job = THING[ex.obj]
        obj = en.plural_phrase(job.noun) if subject.plural else en.indefinite(job.noun)
    elif verb.frame == "place_object":
        obj = PLACE[ex.place].en
    elif ex.obj:
        thing = THING[ex.obj]
        if ex.count:
            obj = counted_english(thing, ex.counter, ex.count)
        elif verb.key == "learn" and thing.learn_as:
            obj = thing.learn_as                                       # learn to swim
        elif verb.key == "wear" and subject.plural and thing.kind == "count":
            obj = en.plural_phrase(thing.noun)                         # they wore coats, one each
        else:
            obj = thing_english(thing, verb.object_form, poss, subject.plural)
    if ex.place and verb.frame != "place_object":
        p = PLACE[ex.place]
        if verb.frame == "motion" and verb.key == "arrive":
            place = "home" if p.kind == "home" else p.location      # arrive at/in, not "to"
        elif verb.frame == "motion" or verb.place_particle == "로":
            place = p.destination
        elif verb.place_prep:
            place = f"{verb.place_prep} {p.en}"                      # borrowed from the library
        else:
            place = p.location
    recipient = ""
    if ex.recipient:
        person = PERSON[ex.recipient].en
        if verb.recipient_is_object:
            obj = person
        else:
            recipient = f"to {person}"
    adjunct = _ADJUNCTS[ex.adjunct].en.format(poss=poss) if ex.adjunct else ""
    companion = f"with {PERSON[ex.companion].en}" if ex.companion else ""
    time = TIME[ex.time].en if ex.time else ""
    head = [aux, subject.en, group] if ex.question else [subject.en, group]
    return en.sentence(head + [obj, recipient, place, adjunct, companion, time], ex.question)


def realize(ex: Example) -> Example:
    """The example with its Korean and English strings filled in."""
    return Example(**{**ex.__dict__, "ko": _korean(ex), "en": _english(ex)})


def make_example(verb: str, **choices) -> Example:
    """Build one sentence from explicit choices: make_example("go", place="cafe", particle="에", ...)."""
    if verb not in VERB:
        raise KeyError(f"unknown verb {verb!r}")
    return realize(Example(verb=verb, **choices))


# --------------------------------------------------------------------------- sampling

_NO_MEANS = {"bus_stop", "classroom", "kitchen", "bathroom"}   # you do not take a taxi to the bus stop
_COMPANIONS = tuple(p for p in PEOPLE if p.kind != "pronoun" and p.key != "baby")
_RECIPIENTS = tuple(p for p in PEOPLE if p.kind != "pronoun" and p.key != "baby")


class _Plan:
    """What one verb can combine with, computed once."""

    def __init__(self, verb: Verb):
        self.verb = verb
        needs_poss = verb.object_form == "possessive" or "{poss}" in verb.en
        self.subjects = [p for p in PEOPLE if p.tags & verb.subjects and (p.possessive or not needs_poss)
                         and (verb.frame != "copula" or (not p.honorific and p.kind in ("pronoun", "name", "kin")))]
        self.by_register: dict[tuple[str, bool], list[Person]] = {}
        for level in LEVELS:
            for question in (False, True):
                self.by_register[level, question] = [
                    p for p in self.subjects
                    if (p.register is None or (p.register == "plain") == (level == "plain"))
                    and not (question and p.person == 1)]          # "Did I go ...?" is left out
        self.droppable = ADULT in verb.subjects
        self.objects = [t for t in ALL_THINGS if t.classes & verb.objects]
        self.places = [PLACE[k] for k in verb.places]
        self.times = {tense: [t for t in TIMES if t.tense == tense and (t.span in verb.spans or
                                                                         tense == "progressive")]
                      for tense in verb.tenses}
        self.instruments = INSTRUMENTS.get(verb.instruments, ())

    def time_pairs(self) -> list[str]:
        keys = []
        for tense, times in self.times.items():
            if tense == "present" and not self.verb.habitual:
                continue
            keys += [t.key for t in times]
        return keys


_PLANS = {v.key: _Plan(v) for v in VERBS}
_VERB_KEYS = [v.key for v in VERBS]


def _first_singular(subject: Person) -> bool:
    return subject.person == 1 and not subject.plural


def _ok_person(item: Person | Thing, subject: Person, *others: str) -> bool:
    """A "my X" needs a first-person-singular subject (else: whose?); one referent never fills two
    roles of a clause (엄마는 엄마를 ...)."""
    ref = item.referent if isinstance(item, Person) else item.ref
    return (not item.mine or _first_singular(subject)) and not (ref and ref in (subject.referent, *others))


def _present_negative_ok(verb: Verb, thing: Thing | None) -> bool:
    """'I do not drink coffee' is a natural generic; 'I do not eat an apple' is not."""
    if verb.frame == "place_object" or verb.recipient or verb.object_form == "possessive":
        return False                          # "I do not wash my face", "I do not call the student"
    if thing is None or verb.object_form == "generic":
        return True
    return verb.object_form == "bare" and thing.kind in ("mass", "plural") and "person" not in thing.classes


def _sample(rng: random.Random) -> Example | None:
    """One random, well-formed set of choices, or None when a choice led to a dead end."""
    plan = _PLANS[rng.choice(_VERB_KEYS)]
    verb = plan.verb
    tense = rng.choice(verb.tenses)
    level = rng.choice(LEVELS)
    question = rng.random() < 0.3
    negative = not question and verb.negatable and rng.random() < 0.25
    if tense == "present" and not verb.habitual and not verb.generic_present:
        return None
    if plan.droppable and rng.random() < 0.25:
        subject_key, subject = None, (DROPPED_QUESTION if question else DROPPED_STATEMENT)
    else:
        candidates = plan.by_register[level, question]
        if not candidates:
            return None
        subject = rng.choice(candidates)
        subject_key = subject.key
    topic = verb.frame == "copula" or rng.random() < 0.6
    choice: dict = dict(verb=verb.key, tense=tense, level=level, negative=negative, question=question,
                        subject=subject_key, topic=topic)

    # object
    thing = None
    if plan.objects:
        thing = rng.choice(plan.objects)
        if not _ok_person(thing, subject):
            return None
        if "feminine" in thing.classes and verb.key == "wear" and subject.possessive in ("his", None):
            return None                                       # skirts and dresses: for a known "she"
        if "adult_only" in thing.classes and ADULT not in subject.tags:
            return None                                       # no coffee for the children
        choice["obj"] = thing.key
        forced = "person_count" in thing.classes
        if verb.countable and thing.counters and (forced or rng.random() < 0.25):
            if negative:
                return None
            counter = rng.choice(thing.counters)
            choice.update(counter=counter.ko, count=rng.randint(1, thing.max_count))
        elif forced:
            return None

    # place
    place = None
    if plan.places and (verb.place_required or verb.frame == "place_object"
                        or rng.random() < (0.5 if verb.frame == "activity" else 0.35)):
        options = plan.places
        if verb.offer_check and thing is not None:   # books at the bookstore, not at the bakery
            options = [p for p in options if thing.cat in p.offers]
        if not options and verb.place_required:
            return None
        if options:
            place = rng.choice(options)
            if place.mine and not _first_singular(subject):
                return None
            choice["place"] = place.key
            if verb.frame == "motion":
                choice["particle"] = "로" if verb.place_particle == "로" or (
                    verb.key != "arrive" and rng.random() < 0.25) else "에"
            elif verb.frame != "place_object":
                choice["particle"] = verb.place_particle

    # recipient, companion, means/instrument
    if verb.recipient:
        pool = _RECIPIENTS if verb.recipient == "any" else [p for p in _RECIPIENTS if not p.honorific]
        recipient = rng.choice(pool)
        if not _ok_person(recipient, subject):
            return None
        choice["recipient"] = recipient.key
    if plan.instruments and rng.random() < 0.25:
        adjunct = rng.choice(plan.instruments)
        if "{poss}" in adjunct.en and subject.possessive is None:
            return None
        if adjunct.objects and (thing is None or thing.key not in adjunct.objects):
            return None                                       # no text message by email, no ice cream with chopsticks
        if verb.key in ("watch", "order", "buy") and place is not None and place.kind != "home":
            return None                                       # not online at the cafe, not on a phone at the cinema
        if verb.key == "send" and place is not None and adjunct.key != "send_mail":
            return None                                       # by email from the post office
        choice["adjunct"] = adjunct.key
    elif verb.means and place is not None and place.key not in _NO_MEANS and rng.random() < 0.3:
        means = [m for m in MEANS if place.kind in m.kinds]
        choice["adjunct"] = rng.choice(means).key
        choice["particle"] = "에"                             # 버스로 학교에, not 버스로 학교로
    # no companion next to an instrument: "with chopsticks with my friend"
    if verb.companion and not (plan.instruments and "adjunct" in choice):
        if rng.random() < 0.2:
            companion = rng.choice(_COMPANIONS)
            owner = place.owner if place else ""
            others = [owner] + ([thing.ref] if thing is not None and thing.ref else [])
            if not _ok_person(companion, subject, *others):
                return None
            choice["companion"] = companion.key

    # time, agreeing with the tense
    far = place is not None and place.kind in ("city", "far")
    times = plan.times[tense]
    travel = verb.frame in ("motion", "place_object")
    if verb.frame == "motion" and not far:                  # last year to the cafe: odd
        times = [t for t in times if t.span in ("day", "week")]
    if tense == "present":
        if negative:
            if not _present_negative_ok(verb, thing) or "count" in choice:
                return None
            time = None
        elif verb.generic_present and (not verb.habitual or rng.random() < 0.6):
            time = None
        else:
            if not verb.habitual or not times or (travel and far):   # not to Japan every Sunday
                return None
            time = rng.choice(times)
    elif tense == "progressive":
        time = times[0] if times and rng.random() < 0.5 else None
    else:
        time = rng.choice(times) if times and rng.random() < 0.7 else None
    if tense == "present" and time is None and "count" in choice:
        return None                                           # "I sell three pairs of socks": when?
    if time is not None:
        choice["time"] = time.key
    return Example(**choice)


def combinations(ex: Example) -> frozenset[tuple[str, str, str]]:
    """The pairings an example contains: the unit of the held-out split."""
    out = set()
    if ex.subject is not None:
        out.add(("subject-verb", ex.subject, ex.verb))
    if ex.obj is not None:
        out.add(("verb-object", ex.verb, ex.obj))
    if ex.place is not None:
        out.add(("verb-place", ex.verb, ex.place))
    if ex.count:
        out.add(("object-count", ex.obj, f"{ex.counter}{ex.count}"))
    if ex.time is not None:
        out.add(("verb-time", ex.verb, ex.time))
    return frozenset(out)


def possible_combinations() -> dict[str, list[tuple[str, str, str]]]:
    """Every pairing the sampler can produce, by kind, in a fixed order."""
    out: dict[str, set] = {kind: set() for kind in COMBINATION_KINDS}
    for plan in _PLANS.values():
        v = plan.verb.key
        out["subject-verb"].update(("subject-verb", p.key, v) for p in plan.subjects)
        out["verb-object"].update(("verb-object", v, t.key) for t in plan.objects)
        out["verb-place"].update(("verb-place", v, p.key) for p in plan.places)
        out["verb-time"].update(("verb-time", v, t) for t in plan.time_pairs())
        if plan.verb.countable:
            for t in plan.objects:
                out["object-count"].update(("object-count", t.key, f"{c.ko}{n}")
                                           for c in t.counters for n in range(1, t.max_count + 1))
    return {kind: sorted(pairs) for kind, pairs in out.items()}


def reserve_combinations(seed: int, fraction: float) -> tuple[frozenset, frozenset]:
    """(dev pairings, test pairings): `fraction` of each kind, alternating between the two."""
    rng = random.Random(f"reserve:{seed}")
    dev, test = set(), set()
    for kind, pairs in possible_combinations().items():
        pairs = list(pairs)
        rng.shuffle(pairs)
        quota = round(len(pairs) * fraction)
        free: dict[str, int] = {}
        for _, a, b in pairs:
            free[("a", a)] = free.get(("a", a), 0) + 1
            free[("b", b)] = free.get(("b", b), 0) + 1
        taken = 0
        for pair in pairs:
            if taken >= quota:
                break
            _, a, b = pair
            if free[("a", a)] <= 2 or free[("b", b)] <= 2:
                continue                                      # keep every word learnable
            free[("a", a)] -= 1
            free[("b", b)] -= 1
            (dev if taken % 2 == 0 else test).add(pair)
            taken += 1
    return frozenset(dev), frozenset(test)


def _tokens(text: str, lower: bool) -> list[str]:
    text = text[:-1] if text[-1:] in ".?" else text
    return (text.lower() if lower else text).split()


def generate_examples(config: GrammarConfig = GrammarConfig()) -> dict[str, list[Example]]:
    """The three splits as Examples (with their lexical choices), deterministic in the seed."""
    rng = random.Random(config.seed)
    reserved_dev, reserved_test = reserve_combinations(config.seed, config.heldout_fraction)
    translation: dict[str, str] = {}      # Korean → English over all splits: must stay a function
    split_of: dict[str, str] = {}         # Korean → the split that first claimed it
    chosen: dict[str, list[Example]] = {name: [] for name in SPLITS}
    wanted = {"train": config.train_size, "dev": config.dev_size, "test": config.test_size}
    pool_cap = {"dev": 4 * config.dev_size + 200, "test": 4 * config.test_size + 200}
    attempts = 0
    limit = 40 * (config.train_size + config.dev_size + config.test_size) + 100_000
    while attempts < limit:
        attempts += 1
        if len(chosen["train"]) >= wanted["train"] and all(len(chosen[s]) >= pool_cap[s] for s in ("dev", "test")):
            break
        choice = _sample(rng)
        if choice is None:
            continue
        combos = combinations(choice)
        in_dev, in_test = bool(combos & reserved_dev), bool(combos & reserved_test)
        split = "train" if not (in_dev or in_test) else "dev" if not in_test else "test" if not in_dev else None
        if split is None or len(chosen[split]) >= (wanted["train"] if split == "train" else pool_cap[split]):
            continue
        ex = realize(choice)
        known = translation.setdefault(ex.ko, ex.en)
        if known != ex.en:
            raise AssertionError(f"{ex.ko!r} would translate as both {known!r} and {ex.en!r}")
        if ex.ko in split_of:        # a duplicate (Korean decides the English, so Korean is the key)
            continue
        split_of[ex.ko] = split
        chosen[split].append(ex)
    return {"train": chosen["train"], **_select_heldout(chosen, wanted)}


def _select_heldout(chosen: dict[str, list[Example]], wanted: dict[str, int]) -> dict[str, list[Example]]:
    """Keep dev/test sentences whose every word occurs in training (fewest unseen words first)."""
    ko_vocab = {w for ex in chosen["train"] for w in _tokens(ex.ko, False)}
    en_vocab = {w for ex in chosen["train"] for w in _tokens(ex.en, True)}
    out = {}
    for split in ("dev", "test"):
        def unseen(ex: Example) -> int:
            return (sum(w not in ko_vocab for w in _tokens(ex.ko, False))
                    + sum(w not in en_vocab for w in _tokens(ex.en, True)))
        ranked = sorted(enumerate(chosen[split]), key=lambda item: (unseen(item[1]) > 0, item[0]))
        out[split] = [ex for _, ex in ranked[:wanted[split]]]
    return out


def generate_corpus(config: GrammarConfig = GrammarConfig()) -> dict[str, list[tuple[str, str]]]:
    """{"train": [(korean, english), ...], "dev": [...], "test": [...]}: deduplicated within each split,
    no dev/test pair in train, the same config giving the same corpus."""
    return {name: [(ex.ko, ex.en) for ex in examples] for name, examples in generate_examples(config).items()}
