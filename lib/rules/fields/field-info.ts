/**
 * Whether a field takes an argument: `proc.name` takes none, `proc.aname` may take one
 * (`proc.aname[2]`), `k8smeta.pod.label` must have one (`k8smeta.pod.label[app]`).
 */
export type FieldArgKind = 'none' | 'optional' | 'required';

/**
 * How a field's argument is written, mirroring libsinsp's `EPF_ARG_INDEX` / `EPF_ARG_KEY`
 * flags and the plugin API's `arg.isIndex` / `arg.isKey`:
 *
 * - `index`: a number in brackets, `proc.aname[2]`, `fd.types[0]`;
 * - `key`: any text in brackets, `k8smeta.pod.label[app]`, `json.value[/a/b]`, `proc.env[HOME]`
 *   (fields that accept either an index or a key, such as `proc.aenv`, are `key`: a key may be
 *   any text, digits included);
 * - `dotted`: a name after a dot, never brackets: `evt.rawarg.res`, `evt.type.is.open`,
 *   `evt.abspath.src`;
 * - `any`: a name after a dot or a number in brackets: only `evt.arg` (`evt.arg.flags`,
 *   `evt.arg[0]`), which libsinsp parses by hand.
 *
 * A `key` field with `dottedArg` also accepts the dotted form (`k8s.pod.label.app`).
 */
export type FieldArgForm = 'index' | 'key' | 'dotted' | 'any';

/** One field Falco can extract, as `falco --list` or a plugin's field schema describes it. */
export interface FieldInfo {
  /** Field name without its argument, e.g. `proc.aname`, `evt.arg`, `k8smeta.pod.label`. */
  readonly name: string;
  /** Falco's type name as printed by `falco --list`: `CHARBUF`, `UINT64`, `IPADDR`, `RELTIME`, … */
  readonly type: string;
  /** The field extracts a list of values (`(LIST)` in the docs, `isList` in a plugin schema). */
  readonly isList?: boolean;
  /** Whether an argument is taken. */
  readonly arg: FieldArgKind;
  /** How the argument is written; set exactly when `arg` is not `none`. */
  readonly argForm?: FieldArgForm;
  /** A `key` argument may also be written after a dot, as the plugin documents (`container.label.foo`). */
  readonly dottedArg?: boolean;
  /** The only values a `dotted` argument may take, when libsinsp accepts a closed set. */
  readonly argValues?: readonly string[];
  /** The plugin that provides the field; absent for libsinsp's built-in fields. */
  readonly plugin?: string;
  /** The version of the plugin the field was read from (its tag), e.g. `0.7.1`; absent for libsinsp's fields. */
  readonly pluginVersion?: string;
  /**
   * Hidden from `falco --list` (libsinsp `EPF_TABLE_ONLY` or a hidden filtercheck class, a plugin's `hidden`
   * property), yet accepted in rules.
   */
  readonly hidden?: boolean;
  /** Still accepted by Falco 0.44.1, but flagged deprecated upstream. */
  readonly deprecated?: boolean;
  /**
   * Where the field may be used, for libsinsp's `EPF_FILTER_ONLY` / `EPF_PRINT_ONLY` flags.
   * @default - conditions and outputs
   */
  readonly usage?: 'condition' | 'output';
  /**
   * libsinsp's `EPF_NO_RHS`: the field cannot be compared with a right-hand side field
   * (`fd.ip = val(...)`) nor be one (`... = val(fd.ip)`)
   * (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck.cpp:642-742).
   */
  readonly noRhs?: boolean;
  /**
   * libsinsp's `EPF_NO_TRANSFORMER`: no transformer may be applied to the field (`tolower(fd.ip)`)
   * (falcosecurity/libs@0.25.4:userspace/libsinsp/sinsp_filtercheck.cpp:1220-1223).
   */
  readonly noTransformer?: boolean;
  /** Upstream description, shortened where it was long. */
  readonly description: string;
}

/** A field reference resolved against the catalog. */
export interface FieldLookup {
  readonly field: FieldInfo;
  /** The argument, without brackets or the leading dot (`2`, `app`, `flags`). */
  readonly arg?: string;
  /** How the argument was written; absent when there is none. */
  readonly argSyntax?: 'bracket' | 'dotted';
}
