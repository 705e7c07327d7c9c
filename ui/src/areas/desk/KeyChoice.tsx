import { useImperativeHandle, useRef, type KeyboardEvent, type Ref } from 'react';
import { Button } from 'antd';

export type KeyChoiceOption<V extends string> = { value: V; label: string };

type Props<V extends string> = {
  options: readonly KeyChoiceOption<V>[];
  value?: V | null;
  onChange?: (value: V) => void;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
  ref?: Ref<{ focus: () => void }>;
};

/**
 * A segmented choice that is one tab stop: number keys 1–9 pick the option of that number,
 * arrows step through them. Each option shows its number.
 */
export function KeyChoice<V extends string>({ options, value, onChange, id, ref, ...rest }: Props<V>) {
  const group = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => group.current?.focus() }), []);
  const index = options.findIndex((option) => option.value === value);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const digit = Number(event.key);
    if (Number.isInteger(digit) && digit >= 1 && digit <= options.length) {
      event.preventDefault();
      onChange?.(options[digit - 1].value);
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
      event.preventDefault();
      onChange?.(options[(index + 1) % options.length].value);
    } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
      event.preventDefault();
      onChange?.(options[(index - 1 + options.length) % options.length].value);
    }
  };

  return (
    <div
      ref={group}
      id={id}
      role="radiogroup"
      tabIndex={0}
      aria-label={rest['aria-label']}
      data-testid={rest['data-testid']}
      onKeyDown={onKeyDown}
      className="steward-key-choice"
    >
      {options.map((option, i) => (
        <Button
          key={option.value}
          tabIndex={-1}
          role="radio"
          aria-checked={option.value === value}
          type={option.value === value ? 'primary' : 'default'}
          onClick={() => {
            onChange?.(option.value);
            group.current?.focus();
          }}
          data-testid={rest['data-testid'] ? `${rest['data-testid']}-${option.value}` : undefined}
        >
          <span className="steward-key-choice-number">{i + 1}</span>
          {option.label}
        </Button>
      ))}
    </div>
  );
}
