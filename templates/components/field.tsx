// Labelled form controls: every control gets an accessible name, its hint and error wired by aria-describedby.
import type { Child, FC } from 'hono/jsx';

interface FieldBase {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly required?: boolean | undefined;
  /** Extra element ids describing the control (e.g. a shared policy legend). */
  readonly describedBy?: string | undefined;
}

/** The ids a control points at, joined, or undefined when there are none (no empty attribute). */
function describedBy(f: FieldBase): string | undefined {
  const ids = [f.describedBy ?? '', f.hint ? `${f.id}-hint` : '', f.error ? `${f.id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

const HintAndError: FC<{ field: FieldBase }> = ({ field }) => (
  <>
    {field.hint ? (
      <p class="hint" id={`${field.id}-hint`}>
        {field.hint}
      </p>
    ) : null}
    {field.error ? (
      <p class="field-error" id={`${field.id}-error`}>
        {field.error}
      </p>
    ) : null}
  </>
);

export interface TextFieldProps extends FieldBase {
  readonly type?: 'text' | 'email' | 'password' | 'search' | 'date' | 'tel' | undefined;
  readonly value?: string | undefined;
  readonly autocomplete?: string | undefined;
  readonly list?: string | undefined;
  readonly placeholder?: string | undefined;
  readonly minlength?: number | undefined;
  readonly extra?: Readonly<Record<string, string>> | undefined;
}

export const TextField: FC<TextFieldProps> = (p) => (
  <div class={p.error ? 'field has-error' : 'field'}>
    <label for={p.id}>{p.label}</label>
    <input
      id={p.id}
      name={p.name}
      type={p.type ?? 'text'}
      value={p.value}
      autocomplete={p.autocomplete}
      list={p.list}
      placeholder={p.placeholder}
      minlength={p.minlength}
      required={p.required}
      aria-invalid={p.error ? 'true' : undefined}
      aria-describedby={describedBy(p)}
      {...(p.extra ?? {})}
    />
    <HintAndError field={p} />
  </div>
);

export interface TextAreaProps extends FieldBase {
  readonly value?: string | undefined;
  readonly rows?: number | undefined;
}

export const TextArea: FC<TextAreaProps> = (p) => (
  <div class={p.error ? 'field has-error' : 'field'}>
    <label for={p.id}>{p.label}</label>
    <textarea
      id={p.id}
      name={p.name}
      rows={p.rows ?? 12}
      required={p.required}
      aria-invalid={p.error ? 'true' : undefined}
      aria-describedby={describedBy(p)}
    >
      {p.value ?? ''}
    </textarea>
    <HintAndError field={p} />
  </div>
);

export interface Option {
  readonly value: string;
  readonly label: string;
}

export interface SelectFieldProps extends FieldBase {
  readonly options: readonly Option[];
  readonly value?: string | undefined;
}

export const SelectField: FC<SelectFieldProps> = (p) => (
  <div class={p.error ? 'field has-error' : 'field'}>
    <label for={p.id}>{p.label}</label>
    <select
      id={p.id}
      name={p.name}
      required={p.required}
      aria-invalid={p.error ? 'true' : undefined}
      aria-describedby={describedBy(p)}
    >
      {p.options.map((o) => (
        <option value={o.value} selected={o.value === p.value}>
          {o.label}
        </option>
      ))}
    </select>
    <HintAndError field={p} />
  </div>
);

export interface CheckboxProps {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly value?: string | undefined;
  readonly checked?: boolean | undefined;
}

export const Checkbox: FC<CheckboxProps> = (p) => (
  <div class="check">
    <input type="checkbox" id={p.id} name={p.name} value={p.value ?? '1'} checked={p.checked} />
    <label for={p.id}>{p.label}</label>
  </div>
);

export interface RadioGroupProps {
  readonly name: string;
  readonly legend: string;
  readonly options: readonly Option[];
  readonly value?: string | undefined;
  readonly idPrefix: string;
}

/** A fieldset whose legend names the group (WAI-ARIA radio group pattern, native). */
export const RadioGroup: FC<RadioGroupProps> = (p) => (
  <fieldset class="radio-group">
    <legend>{p.legend}</legend>
    {p.options.map((o) => (
      <div class="check">
        <input type="radio" id={`${p.idPrefix}-${o.value}`} name={p.name} value={o.value} checked={o.value === p.value} />
        <label for={`${p.idPrefix}-${o.value}`}>{o.label}</label>
      </div>
    ))}
  </fieldset>
);

/** A visually hidden text for screen readers (class defined in app.css). */
export const SrOnly: FC<{ children?: Child }> = ({ children }) => <span class="sr-only">{children}</span>;
