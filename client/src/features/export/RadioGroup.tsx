/** A fieldset of radio buttons, one per choice: the export dialog's Text and Suggestions groups. */
export function RadioGroup<T extends string>(props: {
  legend: string;
  name: string;
  choices: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  disabled: boolean;
}) {
  return (
    <fieldset className="export-fieldset" disabled={props.disabled}>
      <legend className="field-label">{props.legend}</legend>
      {props.choices.map((choice) => (
        <label key={choice.value} className="export-option">
          <input
            type="radio"
            name={props.name}
            value={choice.value}
            checked={props.value === choice.value}
            onChange={() => props.onChange(choice.value)}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
