"""The graph's evidence in the standard W3C Web Annotation form (`directive-kg export --web-annotation`).

The graph keeps one dkg:Evidence node a quote; ontology/web-annotation.rq writes each as an oa:Annotation
under the same IRI with its oa:SpecificResource target and its two selectors (14 triples a quote)."""
from __future__ import annotations

from pathlib import Path

from loaders.paths import ONTOLOGY

QUERY = ONTOLOGY / "web-annotation.rq"
FORMATS = {"turtle": "web-annotation.ttl", "jsonld": "web-annotation.jsonld", "nt": "web-annotation.nt"}
PREFIXES = {"oa": "http://www.w3.org/ns/oa#", "dkg": "https://w3id.org/directive-kg/ontology#",
            "dkgid": "https://w3id.org/directive-kg/id/"}


def triples(kg):
    """The Web Annotation triples of the store's evidence (an iterator: the export streams)."""
    return kg.query(QUERY.read_text(encoding="utf-8"))


def write(kg, out: Path, fmt: str = "turtle") -> Path:
    """Write the Web Annotation form into folder ``out``; returns the file written."""
    import pyoxigraph as ox

    target = Path(out) / FORMATS[fmt]
    rdf_format = {"turtle": ox.RdfFormat.TURTLE, "jsonld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES}[fmt]
    tmp = target.with_name(target.name + ".part")
    ox.serialize(triples(kg), str(tmp), rdf_format, prefixes=None if fmt == "nt" else PREFIXES)
    tmp.replace(target)
    return target
