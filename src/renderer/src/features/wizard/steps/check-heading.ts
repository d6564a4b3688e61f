/**
 * A check's heading: the VM it concerns (in a batch), then what the check found; a message that names
 * the VM already is not headed by its name again ("DC0_C0_H0_VM3: DC0_C0_H0_VM3 dirties…").
 */
export const checkHeading = (title: string | undefined, message: string): string =>
  title && !message.includes(title) ? `${title}: ${message}` : message;
