#!/usr/bin/env python3
"""Checks that a GraphML file from entigraph imports cleanly into Gephi-like
readers: every <key> has attr.type and a `for` of node or edge (or graph, for
the graph-level numbers, which must then be int or double and have their
<data> right inside <graph>), key ids are their attr.name (an edge key named
like a node key may use "edge_<name>", a graph key "graph_<name>", since ids
must be unique), no key is declared twice, every node carries label, type,
aliases and mentions, the edge attributes seats and pmi, where declared, read
as numbers (pmi on every edge), and, when the file has a layout, every node
has x, y, size (float) and r, g, b (int in 0..255), the names Gephi reads.
Reads the file both with xml.etree and networkx.read_graphml.

Usage: check_graphml.py FILE.graphml    Exit status 0 when it passes, else 1.
"""
import sys
import xml.etree.ElementTree as ET

import networkx as nx

NS = "{http://graphml.graphdrawing.org/xmlns}"
REQUIRED_NODE_ATTRS = ("label", "type", "aliases", "mentions")
NX_TYPES = {"label": str, "type": str, "aliases": str, "mentions": int}
# edge attribute -> (type networkx gives it, whether every edge carries it)
NX_EDGE_TYPES = {"seats": (int, False), "seats_history": (str, False), "pmi": (float, True)}
# layout keys, all or none: Gephi's GraphML importer reads these names
LAYOUT_TYPES = {"x": float, "y": float, "size": float, "r": int, "g": int, "b": int}


def check_keys(root):
    """Returns (problems, node attribute name by key id)."""
    problems = []
    node_names = {}
    keys = root.findall(NS + "key")
    if not keys:
        problems.append("no <key> elements")
    node_key_names = {k.get("attr.name") for k in keys if k.get("for") == "node"}
    other_ids = {k.get("id") for k in keys if k.get("for") in ("node", "edge")}
    seen_ids, seen_names = set(), set()
    for key in keys:
        kid, domain = key.get("id"), key.get("for")
        name, atype = key.get("attr.name"), key.get("attr.type")
        where = f"<key id={kid!r}>"
        if kid in seen_ids:
            problems.append(f"{where}: declared twice")
        if (domain, name) in seen_names:
            problems.append(f"{where}: a second {domain} key named {name!r}")
        seen_ids.add(kid)
        seen_names.add((domain, name))
        if domain not in ("node", "edge", "graph"):
            problems.append(f"{where}: for={domain!r}, want 'node', 'edge' or 'graph'")
        if domain == "graph" and atype not in ("int", "double"):
            problems.append(f"{where}: graph key of type {atype!r}, want int or double")
        if not atype:
            problems.append(f"{where}: no attr.type")
        if not name:
            problems.append(f"{where}: no attr.name")
        elif kid != name and not (domain == "edge" and kid == "edge_" + name and name in node_key_names) \
                and not (domain == "graph" and kid == "graph_" + name and name in other_ids):
            problems.append(f"{where}: id differs from attr.name {name!r}")
        if domain == "node":
            node_names[kid] = name
    missing = [a for a in REQUIRED_NODE_ATTRS if a not in node_key_names]
    if missing:
        problems.append("no node key for " + ", ".join(missing))
    layout = [a for a in LAYOUT_TYPES if a in node_key_names]
    if layout and len(layout) != len(LAYOUT_TYPES):
        problems.append("layout keys " + ", ".join(layout) + " without the others of x, y, size, r, g, b")
    return problems, node_names


def check_nodes_xml(root, node_names):
    problems = []
    graphs = root.findall(NS + "graph")
    if len(graphs) != 1:
        problems.append(f"{len(graphs)} <graph> elements, want 1")
    graph_ids = {k.get("id") for k in root.findall(NS + "key") if k.get("for") == "graph"}
    for graph in graphs:
        for data in graph.iter(NS + "data"):
            if data.get("key") in graph_ids and data not in list(graph):
                problems.append(f"graph data {data.get('key')!r} is not right inside <graph>")
    for node in root.iter(NS + "node"):
        present = {node_names.get(d.get("key")) for d in node.findall(NS + "data")}
        for attr in REQUIRED_NODE_ATTRS:
            if attr not in present:
                problems.append(f"node {node.get('id')!r}: no <data> for {attr}")
    return problems


def check_networkx(path, root):
    problems = []
    graph = nx.read_graphml(path)
    for node_id, attrs in graph.nodes(data=True):
        for attr, want in NX_TYPES.items():
            # networkx drops empty <data> elements, so an empty alias list is absent
            if attr not in attrs:
                if attr != "aliases":
                    problems.append(f"networkx: node {node_id!r} has no {attr}")
            elif not isinstance(attrs[attr], want):
                problems.append(f"networkx: node {node_id!r} {attr} is {type(attrs[attr]).__name__}, want {want.__name__}")
    node_key_names = {k.get("attr.name") for k in root.findall(NS + "key") if k.get("for") == "node"}
    if set(LAYOUT_TYPES) <= node_key_names:
        for node_id, attrs in graph.nodes(data=True):
            for attr, want in LAYOUT_TYPES.items():
                if not isinstance(attrs.get(attr), want):
                    problems.append(f"networkx: node {node_id!r} {attr} is {type(attrs.get(attr)).__name__}, "
                                    f"want {want.__name__}")
                elif want is int and not 0 <= attrs[attr] <= 255:
                    problems.append(f"networkx: node {node_id!r} {attr} = {attrs[attr]} is not in 0..255")
    for key in root.findall(NS + "key"):
        if key.get("for") == "graph" and key.get("attr.name") not in graph.graph:
            problems.append(f"networkx: graph attribute {key.get('attr.name')!r} not read")
    edge_key_names = {k.get("attr.name") for k in root.findall(NS + "key") if k.get("for") == "edge"}
    for source, target, attrs in graph.edges(data=True):
        for attr, (want, everywhere) in NX_EDGE_TYPES.items():
            if attr not in edge_key_names:
                continue
            if attr not in attrs:
                if everywhere:
                    problems.append(f"networkx: edge {source!r}-{target!r} has no {attr}")
            elif not isinstance(attrs[attr], want):
                problems.append(f"networkx: edge {source!r}-{target!r} {attr} is "
                                f"{type(attrs[attr]).__name__}, want {want.__name__}")
    return problems, graph


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 1
    path = argv[1]
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        print(f"{path}: cannot parse: {exc}", file=sys.stderr)
        return 1
    if root.tag != NS + "graphml":
        print(f"{path}: root element is {root.tag}, want {NS}graphml", file=sys.stderr)
        return 1
    problems, node_names = check_keys(root)
    problems += check_nodes_xml(root, node_names)
    try:
        nx_problems, graph = check_networkx(path, root)
        problems += nx_problems
    except Exception as exc:  # networkx raises several types on bad GraphML
        problems.append(f"networkx cannot read it: {exc}")
        graph = None
    if problems:
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        return 1
    print(f"{path}: ok ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
