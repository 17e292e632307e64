/** One reported value, as it arrives from the API, a CSV/XLSX import or the demo. */
export interface ValueInput {
  unit: string;
  indicator: string;
  period: string;
  value: number;
  source?: string;
  evidence?: string;
  /** Where it came from in the input (line of a JSON batch, row of a sheet), for error messages. */
  line: number;
}

/** One event, validated: ids make ingest idempotent. */
export interface EventInput {
  id: string;
  type: string;
  unit: string;
  /** ISO 8601 instant, normalised to UTC. */
  time: string;
  attributes: Record<string, string | number | boolean>;
  line: number;
}
