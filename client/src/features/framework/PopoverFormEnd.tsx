/**
 * The end of a small popover form (a party, a bracket, a stance): the error, if any, then Cancel
 * and the form's action. Without `onSubmit`, the action submits the form.
 */
export function PopoverFormEnd(props: {
  error: string | null;
  onCancel: () => void;
  submitLabel: string;
  onSubmit?: () => void;
}) {
  return (
    <>
      {props.error && (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      )}
      <div className="popover-actions">
        <button type="button" className="button button-quiet button-small" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type={props.onSubmit ? "button" : "submit"}
          className="button button-primary button-small"
          onClick={props.onSubmit}
        >
          {props.submitLabel}
        </button>
      </div>
    </>
  );
}
