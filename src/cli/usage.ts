/** The usage text, generated from the table of commands. */
import type { Command } from './command.ts';

const HELP_OPTION = '  -h, --help         show this help';

function optionLines(command: Command): string[] {
  return Object.entries(command.options).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    // A long flag gets its description on the next line, so the descriptions stay in one column.
    return flag.length > 17 ? `  ${flag}\n${' '.repeat(21)}${spec.description}` : `  ${flag.padEnd(17)}  ${spec.description}`;
  });
}

export function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 3;
  const lines = ['Usage: keel <command> [options]', '', 'Commands:'];
  for (const command of commands) lines.push(`  ${command.name.padEnd(width)}${command.summary}`);
  for (const command of commands) {
    lines.push('', `Options for ${command.name}${command.arguments ? ` (arguments: ${command.arguments})` : ''}:`, ...optionLines(command));
  }
  lines.push('', 'Every command:', HELP_OPTION, '');
  return lines.join('\n');
}
