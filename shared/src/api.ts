/**
 * The REST API's request and response shapes, validated with zod on the server and used as types
 * by the client. One definition for both sides.
 */
import { z } from "zod";
import { roleSchema } from "./access/roles.js";
import { LIMITS } from "./protocol.js";
import { MAX_SEARCH_FRAMEWORKS } from "./search/frameworkSearch.js";
import { MAX_QUERY_LENGTH } from "./search/textMatch.js";
import { cleanSingleLine } from "./text/clean.js";

/**
 * A title or a name: one line of plain text. Controls, line breaks and bidirectional overrides
 * are removed before the length checks (`text/clean.ts`), so what is stored cannot break a line
 * or reorder the text around it.
 */
const singleLine = () => z.string().overwrite(cleanSingleLine);

export const FrameworkTitle = singleLine()
  .trim()
  .min(1, "title must not be empty")
  .max(LIMITS.maxTitleLength, `title must be at most ${LIMITS.maxTitleLength} characters`);

export const CreateFrameworkBody = z.strictObject({
  title: FrameworkTitle,
  /**
   * Which skeleton the server writes as initial content: "blank" is a title and one empty
   * section; "phased-reciprocal" is the example framework of `shared/src/templates`.
   */
  template: z.enum(["blank", "phased-reciprocal"]).default("blank"),
  /** The creator's display name, fixed in the mediator token the server returns. */
  name: singleLine().trim().min(1).max(LIMITS.maxDisplayNameLength).optional(),
});
export type CreateFrameworkBody = z.input<typeof CreateFrameworkBody>;

export const RenameFrameworkBody = z.strictObject({ title: FrameworkTitle });
export type RenameFrameworkBody = z.infer<typeof RenameFrameworkBody>;

export const FrameworkSummary = z.object({
  id: z.string(),
  title: z.string(),
  /** ISO 8601 timestamps. */
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FrameworkSummary = z.infer<typeof FrameworkSummary>;

export const FrameworkList = z.object({ frameworks: z.array(FrameworkSummary) });
export type FrameworkList = z.infer<typeof FrameworkList>;

/** Every API error has this body, with a matching HTTP status. */
export const ApiError = z.object({
  error: z.object({
    /** Machine-readable, e.g. "not_found", "invalid_request", "payload_too_large". */
    code: z.string(),
    /** A sentence a person can act on. */
    message: z.string(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;

/** Party ids as the domain model spells them (also the `<party>` of a private room). */
export const PartyId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "a party id is 1-64 letters, digits, _ or -");

export const DisplayName = singleLine()
  .trim()
  .min(1, "a name must not be empty")
  .max(LIMITS.maxDisplayNameLength);

/** What a token grants, as the server read it from the token and its invite. */
export const AccessInfo = z.object({
  frameworkId: z.string(),
  inviteId: z.string(),
  role: roleSchema,
  party: z.string().nullable(),
  name: z.string().nullable(),
  /** The one person the token stands for (`access/members.ts`). */
  member: z.string(),
  /** False for an invite link without a fixed name used directly: it may read, not write. */
  personal: z.boolean(),
  /** ISO 8601: the token stops working then. */
  expiresAt: z.string(),
});
export type AccessInfo = z.infer<typeof AccessInfo>;

/**
 * `POST /api/frameworks/:id/members`, with an INVITE token as Bearer: exchanges it for a personal
 * token of a new member (or, for an invite with a fixed name, of its one member). `name` is the
 * display name the person chose; required unless the invite fixes one (then ignored).
 */
export const JoinBody = z.strictObject({ name: DisplayName.optional() });
export type JoinBody = z.infer<typeof JoinBody>;

/** The answer of `POST /api/frameworks/:id/members` (201): the personal token and what it grants. */
export const JoinedMember = z.object({ token: z.string(), access: AccessInfo });
export type JoinedMember = z.infer<typeof JoinedMember>;

/** `POST /api/frameworks` answers the summary, the creator's mediator token and what it grants. */
export const CreatedFramework = FrameworkSummary.extend({ token: z.string(), access: AccessInfo });
export type CreatedFramework = z.infer<typeof CreatedFramework>;

/** `GET /api/frameworks/:id` answers the summary and what the caller's token grants. */
export const FrameworkWithAccess = FrameworkSummary.extend({ access: AccessInfo });
export type FrameworkWithAccess = z.infer<typeof FrameworkWithAccess>;

export const CreateInviteBody = z.strictObject({
  role: roleSchema,
  party: PartyId.optional(),
  name: DisplayName.optional(),
  /** Seconds until the invite (and every token of it) expires; default 30 days. */
  expiresIn: z
    .number()
    .int("expiresIn is a whole number of seconds")
    .min(1, "expiresIn must be at least 1 second")
    .max(LIMITS.maxInviteSeconds, `expiresIn must be at most ${LIMITS.maxInviteSeconds} seconds`)
    .optional(),
});
export type CreateInviteBody = z.input<typeof CreateInviteBody>;

export const InviteStatus = z.enum(["active", "expired", "revoked"]);
export type InviteStatus = z.infer<typeof InviteStatus>;

export const InviteSummary = z.object({
  id: z.string(),
  frameworkId: z.string(),
  role: roleSchema,
  party: z.string().nullable(),
  name: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  status: InviteStatus,
});
export type InviteSummary = z.infer<typeof InviteSummary>;

/** `POST /api/frameworks/:id/invites`: the link to hand out (`<origin>/f/<id>?token=…`). */
export const CreatedInvite = z.object({
  id: z.string(),
  token: z.string(),
  url: z.string(),
  invite: InviteSummary,
});
export type CreatedInvite = z.infer<typeof CreatedInvite>;

export const InviteList = z.object({ invites: z.array(InviteSummary) });

/** `POST /api/frameworks/:id/invites/:inviteId/link`: an active invite's link, to copy again. */
export const InviteLink = z.object({ url: z.string() });
export type InviteLink = z.infer<typeof InviteLink>;
export type InviteList = z.infer<typeof InviteList>;

/**
 * `POST /api/frameworks/lookup { tokens }`: the frameworks these tokens grant (a browser keeps
 * its tokens and asks for exactly those). Tokens that do not work are listed by index with why.
 */
export const LookupBody = z.strictObject({
  tokens: z.array(z.string().max(4096)).max(LIMITS.maxLookupTokens),
});
export type LookupBody = z.infer<typeof LookupBody>;

export const LookupResult = z.object({
  frameworks: z.array(FrameworkSummary.extend({ access: AccessInfo })),
  refused: z.array(z.object({ index: z.number(), code: z.string(), message: z.string() })),
});
export type LookupResult = z.infer<typeof LookupResult>;

/**
 * `POST /api/frameworks/search { tokens, query }`: searches the titles and text of the frameworks
 * these tokens grant (each token only its own framework; never a private room, never comments).
 * Answers the frameworks with a hit, each with a few snippets; tokens that do not work are listed
 * by index with why, as in the lookup.
 */
export const SearchBody = z.strictObject({
  tokens: z.array(z.string().max(4096)).max(MAX_SEARCH_FRAMEWORKS),
  query: z.string().max(MAX_QUERY_LENGTH * 2),
});
export type SearchBody = z.infer<typeof SearchBody>;

const SearchSnippet = z.object({ before: z.string(), match: z.string(), after: z.string() });

export const SearchResult = z.object({
  frameworks: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      titleMatch: z.boolean(),
      /** Matches in the text, counted up to `MAX_SEARCH_MATCHES`. */
      matchCount: z.number(),
      snippets: z.array(SearchSnippet),
    }),
  ),
  refused: z.array(z.object({ index: z.number(), code: z.string(), message: z.string() })),
});
export type SearchResult = z.infer<typeof SearchResult>;

export const AUDIT_ACTIONS = [
  "connected",
  "disconnected",
  "updated",
  "refused",
  "invite.created",
  "invite.revoked",
  "invite.link",
  "member.joined",
  "framework.created",
  "framework.renamed",
  "bracket.resolved",
  "bracket.reopened",
  "version.created",
  "version.restored",
  "version.deleted",
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditEntry = z.object({
  /** Increasing; pass the last one seen as `before` to page back. */
  seq: z.number(),
  frameworkId: z.string(),
  /** ISO 8601 time of the first event this entry counts. */
  at: z.string(),
  action: AuditAction,
  room: z.string().nullable(),
  inviteId: z.string().nullable(),
  user: z.string().nullable(),
  party: z.string().nullable(),
  role: roleSchema.nullable(),
  /** Bytes of the updates counted (updated / refused updates), else 0. */
  bytes: z.number(),
  /** How many events of the same kind this entry stands for (coalesced per connection). */
  count: z.number(),
  /** What was refused and why, the close code of a disconnect, etc. */
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** `GET /api/frameworks/:id/audit?limit=&before=`: newest first. */
export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** The `before` to ask for the next (older) page, or null at the start of the log. */
  nextBefore: z.number().nullable(),
});
export type AuditPage = z.infer<typeof AuditPage>;
