/** Lays a scenario flow out top to bottom with dagre: where each step and ending is drawn. */
import dagre from '@dagrejs/dagre';
import type { ScenarioFlow } from '../../../core/scenario-flow';

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 72;

/** Top-left corner of each node, by id. */
export function layoutFlow(flow: ScenarioFlow): Map<string, { x: number; y: number }> {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 90, edgesep: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of [...flow.steps, ...flow.endings])
    graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of flow.edges)
    if (!edge.dangling && edge.from !== edge.to) graph.setEdge(edge.from, edge.to, {}, edge.id);
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const id of graph.nodes()) {
    const node = graph.node(id);
    positions.set(id, { x: node.x - NODE_WIDTH / 2, y: node.y - NODE_HEIGHT / 2 });
  }
  return positions;
}
