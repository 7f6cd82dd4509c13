export declare const EXIT_OK = 0;
export declare const EXIT_DIFFERENT = 1;
export declare const EXIT_SCRIPT_ERROR = 2;
export declare const EXIT_USAGE = 64;
export declare const EXIT_NO_INPUT = 66;
export declare const EXIT_INTERNAL = 70;
export declare const EXIT_SKIP = 77;
export declare const USAGE =
  "Usage: mmscope <command> [options] FILE...\n\nCommands:\n  run FILE [--effects]  print the simulator's transcript of FILE; with --effects, each\n                        statement's effect records follow its lines, one JSON object a line\n  check FILE...         report script errors as file:line:col: message\n  oracle FILE           print the real kernel's transcript of FILE (Linux, as root)\n  diff FILE...          run FILE on both and print a unified diff (--- kernel, +++ simulator)\n                        for each FILE whose transcripts differ\n\nExit status: 0 success (diff: all identical), 1 transcripts differ, 2 script error,\n64 usage error, 66 unreadable file, 70 internal error, 77 the oracle cannot run here.\n";
/** Where the CLI writes; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}
/** Runs the CLI; returns the exit status. */
export declare function main(argv: readonly string[], io?: Io): Promise<number>;
