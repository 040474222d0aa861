import {
  Background,
  Controls,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { useLocalized, useT } from '../../../components/i18n/use-t';
import type { ScenarioFlow } from '../../../core/scenario-flow';
import { stepFlags } from './step-flags';
import { layoutFlow, NODE_HEIGHT, NODE_WIDTH } from './graph-layout';

type CardData = { title: string; line: string; flags: string[]; tone: string };
type CardNode = Node<CardData, 'step' | 'ending'>;

function Card({ data, type }: NodeProps<CardNode>) {
  const t = useT();
  return (
    <div className={`flow-card ${data.tone}`} style={{ width: NODE_WIDTH, minHeight: NODE_HEIGHT }}>
      <Handle type="target" position={Position.Top} />
      <strong>{data.title}</strong>
      {data.line && <span className="flow-line">{data.line}</span>}
      {data.flags.map((flag) => (
        <span key={flag} className="flow-flag">
          {flag}
        </span>
      ))}
      {type === 'step' && (
        <Handle type="source" position={Position.Bottom} title={t('authoring.graph.handle')} />
      )}
    </div>
  );
}

const NODE_TYPES = { step: Card, ending: Card };

interface FlowCanvasProps {
  flow: ScenarioFlow;
  selected: string | undefined;
  onSelect: (id: string) => void;
  onConnect: (from: string, to: string) => void;
}

/** The scenario as a flow chart laid out by dagre; nodes are placed, not dragged. */
export function FlowCanvas({ flow, selected, onSelect, onConnect }: FlowCanvasProps) {
  const t = useT();
  const local = useLocalized();
  const positions = useMemo(() => layoutFlow(flow), [flow]);
  const nodes: CardNode[] = [
    ...flow.steps.map((step): CardNode => {
      const flags = stepFlags(step, t);
      const title = t('authoring.graph.step', { id: step.id });
      return {
        id: step.id,
        type: 'step',
        position: positions.get(step.id) ?? { x: 0, y: 0 },
        selected: step.id === selected,
        ariaLabel: [title, ...flags].join('，'),
        data: {
          title,
          line: step.line,
          flags,
          tone: step.unreachable || step.noWayToEnding ? 'flagged' : step.start ? 'start' : '',
        },
      };
    }),
    ...flow.endings.map((ending): CardNode => ({
      id: ending.id,
      type: 'ending',
      position: positions.get(ending.id) ?? { x: 0, y: 0 },
      selected: ending.id === selected,
      ariaLabel: t('authoring.graph.ending', { id: ending.id, kind: t(`ending.${ending.kind}`) }),
      data: {
        title: t('authoring.graph.ending', { id: ending.id, kind: t(`ending.${ending.kind}`) }),
        line: ending.line,
        flags: [],
        tone: `ending ${ending.kind}`,
      },
    })),
  ];
  const edges: Edge[] = flow.edges
    .filter((edge) => !edge.dangling)
    .map((edge) => ({
      id: edge.id,
      source: edge.from,
      target: edge.to,
      label: local(edge.label),
      ariaLabel: t('authoring.graph.edge', { condition: local(edge.label), to: edge.to }),
      markerEnd: { type: MarkerType.ArrowClosed },
      labelBgPadding: [4, 2] as [number, number],
    }));
  return (
    <div className="flow-canvas" role="region" aria-label={t('authoring.graph.canvas')}>
      <ReactFlow
        // Drawn afresh (and fitted to the view) when nodes come or go.
        key={nodes.length}
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        nodesDraggable={false}
        fitView
        minZoom={0.2}
        deleteKeyCode={null}
        ariaLabelConfig={{
          'node.a11yDescription.default': t('authoring.graph.nodeHelp'),
          'node.a11yDescription.keyboardDisabled': t('authoring.graph.nodeHelp'),
          'node.a11yDescription.ariaLiveMessage': () => t('authoring.graph.moved'),
          'edge.a11yDescription.default': t('authoring.graph.edgeHelp'),
          'controls.ariaLabel': t('authoring.graph.controls'),
          'controls.zoomIn.ariaLabel': t('authoring.graph.zoomIn'),
          'controls.zoomOut.ariaLabel': t('authoring.graph.zoomOut'),
          'controls.fitView.ariaLabel': t('authoring.graph.fitView'),
          'controls.interactive.ariaLabel': t('authoring.graph.interactive'),
          'minimap.ariaLabel': t('authoring.graph.minimap'),
          'handle.ariaLabel': t('authoring.graph.handle'),
        }}
        onNodeClick={(_, node) => onSelect(node.id)}
        // Enter or Space on a focused node selects it: open its form.
        onNodesChange={(changes) => {
          const picked = changes.find((change) => change.type === 'select' && change.selected);
          if (picked && picked.type === 'select') onSelect(picked.id);
        }}
        onEdgeClick={(_, edge) => onSelect(edge.source)}
        onConnect={(connection) => onConnect(connection.source, connection.target)}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
