import { ConfigError } from "../src/config/config-error";
import { config } from "./fixtures";

/** Every problem line a configuration produces, without the header (empty when it is valid). */
export function problems(input: unknown): string[] {
  try {
    config(input);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message
      .split("\n")
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ""));
  }
}
