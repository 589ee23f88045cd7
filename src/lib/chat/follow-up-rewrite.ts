/**
 * Follow-up rewriting: before answering, the model may turn the latest question into one that stands on its
 * own, resolving pronouns (它/他们/我们, it/they/we) and ellipsis ("在哪里举办的?" after a question about the 2020
 * World Series) from the history. The prompt reasons step by step over worked cases of each kind (pronoun,
 * ellipsis, no rewrite needed, topic change) in the question's language, and asks for a strict, two-line
 * answer; anything else keeps the original question. Pure: the engine runs the request it builds. Loaded only
 * when a rewrite is asked for (state/chat/follow-up-step), not at start.
 */
import type { ChatTurn } from './chat-types';
import { promptLanguageOf } from './prompt-language';

export interface RewriteResult {
  /** The question to answer: the rewrite, or the original when the answer could not be read. */
  readonly question: string;
  /** The model judged that the question needs the history (false: a new topic, a fresh context may help). */
  readonly dependsOnHistory: boolean;
  /** The rewrite differs from the original. */
  readonly changed: boolean;
  /** False when the model's answer was malformed and the original question was kept. */
  readonly parsed: boolean;
}

const MAX_HISTORY_TURNS = 6;
const MAX_TURN_CHARS = 600;

const EN = {
  system:
    'You rewrite the last question of a conversation so that it can be understood without the conversation. Think step by step: which words point back (pronouns such as it, they, we, this; or missing parts), what they refer to, and whether the question depends on the history at all. Then answer in exactly two lines:\nDEPENDS: yes or no\nSTANDALONE: <the question, rewritten to stand alone, in its own language>\nWrite your reasoning before these two lines, after "THINKING:". Never answer the question itself.',
  examples: [
    {
      history: 'User: Who wrote "One Hundred Years of Solitude"?\nAssistant: Gabriel García Márquez.',
      question: 'When was it published?',
      thinking: '"it" is the novel "One Hundred Years of Solitude" from the previous question.',
      depends: 'yes',
      standalone: 'When was "One Hundred Years of Solitude" published?',
    },
    {
      history: 'User: Who won the 2020 World Series?\nAssistant: The Los Angeles Dodgers.',
      question: 'Where was it held?',
      thinking: 'The question leaves out what was held: the 2020 World Series.',
      depends: 'yes',
      standalone: 'Where was the 2020 World Series held?',
    },
    {
      history: 'User: How do I boil an egg?\nAssistant: Put it in boiling water for 7 to 9 minutes.',
      question: 'How long should I boil an egg for a runny yolk?',
      thinking: 'The question already names everything it needs.',
      depends: 'yes',
      standalone: 'How long should I boil an egg for a runny yolk?',
    },
    {
      history: 'User: Which team won the 2020 World Series?\nAssistant: The Los Angeles Dodgers.',
      question: 'Can you suggest a vegetarian pasta recipe?',
      thinking: 'This is a new topic; nothing in it refers to the baseball conversation.',
      depends: 'no',
      standalone: 'Can you suggest a vegetarian pasta recipe?',
    },
  ],
  historyLabel: 'Conversation so far:',
  questionLabel: 'Last question:',
  user: 'User',
  assistant: 'Assistant',
};

const ZH: typeof EN = {
  system:
    '你的任务是把对话中的最后一个问题改写成不看对话也能理解的独立问题。请逐步思考：哪些词指向前文（代词如它、他们、我们、这个，或者省略的部分），它们指的是什么，这个问题是否依赖前文。然后严格用两行作答：\nDEPENDS: yes 或 no\nSTANDALONE: <改写后的独立问题，保持原来的语言>\n在这两行之前，以 "THINKING:" 开头写出你的推理。不要回答问题本身。',
  examples: [
    {
      history: '用户: 《百年孤独》的作者是谁?\n助手: 加西亚·马尔克斯。',
      question: '它是哪一年出版的?',
      thinking: '"它"指的是上一个问题里的小说《百年孤独》。',
      depends: 'yes',
      standalone: '《百年孤独》是哪一年出版的?',
    },
    {
      history: '用户: 谁赢得了2020年的世界职业棒球大赛?\n助手: 洛杉矶道奇队。',
      question: '在哪里举办的?',
      thinking: '问题省略了举办的是什么：2020年世界职业棒球大赛。',
      depends: 'yes',
      standalone: '2020年世界职业棒球大赛在哪里举办的?',
    },
    {
      history: '用户: 怎么煮鸡蛋?\n助手: 放进沸水里煮7到9分钟。',
      question: '想要溏心蛋，鸡蛋要煮多久?',
      thinking: '问题本身已经完整，不需要改写。',
      depends: 'yes',
      standalone: '想要溏心蛋，鸡蛋要煮多久?',
    },
    {
      history: '用户: 谁赢得了2020年的世界职业棒球大赛?\n助手: 洛杉矶道奇队。',
      question: '能推荐一个素食意面的做法吗?',
      thinking: '这是一个新话题，和棒球的对话没有关系。',
      depends: 'no',
      standalone: '能推荐一个素食意面的做法吗?',
    },
  ],
  historyLabel: '之前的对话:',
  questionLabel: '最后一个问题:',
  user: '用户',
  assistant: '助手',
};

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_TURN_CHARS ? `${flat.slice(0, MAX_TURN_CHARS)}…` : flat;
}

/** The request for the rewrite step: the recent history (clipped), the question, and the worked cases. */
export function buildRewriteRequest(history: readonly ChatTurn[], question: string, language = promptLanguageOf(question)): ChatTurn[] {
  const t = language === 'zh' ? ZH : EN;
  const recent = history.filter((turn) => turn.role !== 'system').slice(-MAX_HISTORY_TURNS);
  const lines = recent.map((turn) => `${turn.role === 'user' ? t.user : t.assistant}: ${clip(turn.content)}`).join('\n');
  const turns: ChatTurn[] = [{ role: 'system', content: t.system }];
  for (const example of t.examples) {
    turns.push(
      { role: 'user', content: `${t.historyLabel}\n${example.history}\n${t.questionLabel} ${example.question}` },
      { role: 'assistant', content: `THINKING: ${example.thinking}\nDEPENDS: ${example.depends}\nSTANDALONE: ${example.standalone}` },
    );
  }
  turns.push({ role: 'user', content: `${t.historyLabel}\n${lines}\n${t.questionLabel} ${question.trim()}` });
  return turns;
}

/** Reads the model's answer strictly: exactly one DEPENDS line (yes/no) and one non-empty STANDALONE line. */
export function parseRewrite(answer: string, original: string): RewriteResult {
  const keep: RewriteResult = { question: original, dependsOnHistory: true, changed: false, parsed: false };
  const depends = [...answer.matchAll(/^\s*DEPENDS:\s*(yes|no)\s*$/gim)];
  const standalone = [...answer.matchAll(/^\s*STANDALONE:\s*(.+?)\s*$/gim)];
  if (depends.length !== 1 || standalone.length !== 1) return keep;
  const question = standalone[0]?.[1]?.trim() ?? '';
  // A rewrite that is empty, a placeholder, or far longer than any restatement is not a rewrite.
  if (!question || /^<.*>$/.test(question) || question.length > Math.max(400, original.length * 8)) return keep;
  return {
    question,
    dependsOnHistory: depends[0]?.[1]?.toLowerCase() === 'yes',
    changed: question !== original.trim(),
    parsed: true,
  };
}
