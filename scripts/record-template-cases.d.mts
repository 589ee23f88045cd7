// Types of record-template-cases.mjs, for the fixture test that re-runs it.
import type { TemplateFamily } from '../tests/support/special-token-tokenizer.mjs';

/** A conv_template as a model's mlc-chat-config.json carries it. */
export interface RecordedConvTemplate {
  readonly name: string;
  readonly system_template: string;
  readonly system_message: string;
  readonly system_prefix_token_ids: readonly number[] | null;
  readonly add_role_after_system_message: boolean;
  readonly roles: Readonly<Record<string, string>>;
  readonly role_templates: Readonly<Record<string, string>>;
  readonly messages: readonly unknown[];
  readonly seps: readonly string[];
  readonly role_content_sep: string;
  readonly role_empty_sep: string;
  readonly stop_str: readonly string[];
  readonly stop_token_ids: readonly number[];
  readonly function_string: string;
  readonly use_function_calling: boolean;
}

export interface RecordedTurn {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** A fresh prefill (empty KV cache): getPromptArray, with system_prefix_token_ids before the segments. */
export interface RecordedPrefill {
  readonly segments: readonly string[];
  readonly segmentTokens: readonly number[];
  readonly prefixTokens: number;
  /** Prefix ids plus every segment's: what the KV cache holds after the prefill. */
  readonly tokens: number;
  /** WebLLM's usage.prompt_tokens for it (getInputData's numPromptTokens): the prefix ids left out. */
  readonly usagePromptTokens: number;
  /** Present where the artifact path (models with a model_manifest) renders other segments. */
  readonly artifactPathSegments?: readonly string[];
}

/** A later question of the chat with the KV cache reused: getPromptArrayLastRound. */
export interface RecordedRound {
  /** The request is the chat's first turnCount turns. */
  readonly turnCount: number;
  readonly segments: readonly string[];
  readonly segmentTokens: readonly number[];
  readonly tokens: number;
  readonly artifactPathSegments?: readonly string[];
}

export interface RecordedCase {
  readonly name: string;
  readonly about: string;
  readonly turns: readonly RecordedTurn[];
  readonly prefill: RecordedPrefill;
  readonly rounds: readonly RecordedRound[];
}

export interface RecordedFamily {
  readonly family: TemplateFamily;
  readonly about: string;
  readonly convTemplateName: string;
  readonly sources: readonly string[];
  /** Models of WebLLM's prebuilt list (model_id and the repository of its mlc-chat-config.json). */
  readonly models: readonly { readonly modelId: string; readonly model: string }[];
  readonly specialTokens: readonly string[];
  readonly template: RecordedConvTemplate;
  readonly cases: readonly RecordedCase[];
}

export interface TemplateCasesFixture {
  readonly about: string;
  readonly webllm: {
    readonly package: string;
    readonly version: string;
    readonly bundle: string;
    readonly extracted: readonly string[];
    readonly extractedSha256: string;
  };
  readonly families: readonly RecordedFamily[];
}

export declare const FIXTURE_PATH: string;

/** Records the fixture from the installed WebLLM (its Conversation code, cut out of the bundle). */
export declare function recordTemplateCases(): TemplateCasesFixture;

/** The fixture file's text for a record. */
export declare function fixtureText(fixture: TemplateCasesFixture): string;

/** The committed fixture, parsed. */
export declare function readTemplateCasesFixture(): TemplateCasesFixture;
