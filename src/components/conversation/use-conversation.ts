import { useEffect, useState } from 'react';
import { createConversation, type Conversation } from '../../core/attempt';
import type { Analyzer } from '../../core/analyzer';
import type { ConversationSnapshot } from '../../core/scenario-machine';
import type { Scenario } from '../../core/scenario-schema';

export interface LiveConversation {
  conversation: Conversation;
  snapshot: ConversationSnapshot;
}

/**
 * An unsaved coach-mode conversation that lives as long as the component (the authoring
 * playtest, classroom pair typing): started on mount and whenever the scenario or analyzer
 * changes, stopped on unmount; `snapshot` follows every event. Undefined until it starts.
 */
export function useConversation(
  scenario: Scenario,
  analyzer: Analyzer,
  startedAt: number,
): LiveConversation | undefined {
  const [live, setLive] = useState<LiveConversation>();
  useEffect(() => {
    const conversation = createConversation(scenario, analyzer, { mode: 'coach', startedAt });
    // start() reports the first snapshot to the subscriber, every event the next one.
    conversation.subscribe((snapshot) => setLive({ conversation, snapshot }));
    conversation.start();
    return () => {
      conversation.stop();
    };
  }, [scenario, analyzer, startedAt]);
  return live;
}
