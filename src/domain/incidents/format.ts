/**
 * `keel report followups|retrospectives|stale` for people. Each report is first laid out once as
 * a document (a title, a summary, sections with a table each), then written as plain text for a
 * terminal (columns aligned by display width) or as GitHub-flavoured Markdown to post as a
 * pull-request comment. The Markdown is serialised from a syntax tree (mdast-util-to-markdown),
 * so any Markdown or HTML in titles and names is escaped and shows as written; handles are shown
 * as code, so a nightly comment does not notify every owner. Every value from content passes
 * through escapeControls: it cannot start a line of its own or drive the terminal.
 */
import { code, plain, render, strong, type Cell, type Document, type HumanFormat, type Section } from '../../core/document.ts';
import { oneLine } from '../../core/escape.ts';
import { wallClockText } from '../../core/time.ts';
import type { DueState, FollowUpAgenda, RetrospectiveAgenda, StaleAgenda } from './agenda.ts';
import { type DayDeadline, dayDeadlineText, daysText, lateText } from './deadlines.ts';

const NONE = '—';

/** A day deadline: strong when overdue, so the eye finds it. */
function stateCell(deadline: DayDeadline | undefined, state: DueState): Cell {
  if (deadline === undefined) return [plain('no due date')];
  const text = dayDeadlineText(deadline);
  return [state === 'overdue' ? strong(text) : plain(text)];
}

const incidentCell = (incident: { id: string; title: string }): Cell => [code(incident.id), { text: ` ${oneLine(incident.title)}`, markdownOnly: true }];

// ---------------------------------------------------------------------------------------------
// The three documents

function followUpDocument(agenda: FollowUpAgenda): Document {
  const { counts } = agenda;
  const summary =
    counts.open === 0
      ? 'No open follow-ups.'
      : `${counts.open} open: ${counts.overdue} overdue, ${counts.dueSoon} due within ${daysText(agenda.dueWithinDays)}.`;
  const sections = agenda.owners.map((group): Section => {
    const overdue = group.items.filter((i) => i.state === 'overdue').length;
    const tally = `: ${group.items.length} open${overdue > 0 ? `, ${overdue} overdue` : ''}`;
    return {
      heading: group.owner === undefined ? [plain(`No owner${tally}`)] : [code(oneLine(group.owner)), plain(tally)],
      columns: ['Due', 'State', 'Follow-up', 'Priority', 'Status', 'Incident', 'Title'],
      rows: group.items.map(({ incident, followUp, deadline, state }) => [
        [plain(followUp.due ?? NONE)],
        stateCell(deadline, state),
        [followUp.url === undefined ? plain(oneLine(followUp.id)) : { text: oneLine(followUp.id), url: followUp.url }],
        [plain(followUp.priority ?? NONE)],
        [plain(followUp.status)],
        incidentCell(incident),
        [plain(oneLine(followUp.title))],
      ]),
      empty: '',
    };
  });
  return { title: `Open follow-ups, ${agenda.today} (${agenda.zone})`, summary, sections };
}

function retrospectiveDocument(agenda: RetrospectiveAgenda): Document {
  const { counts } = agenda;
  const within = `due within ${daysText(agenda.dueWithinDays)}`;
  const summary =
    agenda.retrospectives.length === 0
      ? `No retrospective is overdue or ${within}.`
      : `${counts.overdue} overdue, ${counts.dueSoon} ${within}; not published yet.`;
  const section: Section = {
    heading: [plain('Retrospectives to publish')],
    columns: ['Due', 'State', 'Incident', 'Severity', 'Resolved', 'Review', 'Title'],
    rows: agenda.retrospectives.map((r) => [
      [plain(r.deadline.due)],
      stateCell(r.deadline, r.state),
      [code(r.incident.id)],
      [plain(r.incident.severity)],
      [plain(wallClockText(r.resolved, agenda.zone))],
      [plain(r.reviewStatus)],
      [plain(oneLine(r.incident.title))],
    ]),
    empty: '',
  };
  return { title: `Retrospectives, ${agenda.today} (${agenda.zone})`, summary, sections: agenda.retrospectives.length === 0 ? [] : [section] };
}

function staleDocument(agenda: StaleAgenda): Document {
  const { zone } = agenda;
  const runbooks: Section = {
    heading: [plain(`Runbooks past their review (every ${agenda.runbookReviewInterval})`)],
    columns: ['Review due', 'State', 'Runbook', 'Owner', 'Last reviewed', 'Title'],
    rows: agenda.runbooks.map(({ runbook, review }) => [
      [plain(wallClockText(review.due, zone))],
      [strong(`${lateText(review.lateMs)} overdue`)],
      [code(runbook.id)],
      [code(oneLine(runbook.owner))],
      [plain(runbook.lastReviewed)],
      [plain(oneLine(runbook.title))],
    ]),
    empty: `Every runbook was reviewed within ${agenda.runbookReviewInterval}.`,
  };
  const incidents: Section = {
    heading: [plain('Open incidents with a late public update')],
    columns: ['Next update due', 'State', 'Incident', 'Severity', 'Last update', 'Status', 'Cadence', 'Title'],
    rows: agenda.incidents.map(({ incident, next }) => [
      [plain(wallClockText(next.due, zone))],
      [strong(`${lateText(next.lateMs)} overdue`)],
      [code(incident.id)],
      [plain(incident.severity)],
      [plain(wallClockText(next.last.at, zone))],
      [plain(next.last.status ?? NONE)],
      [plain(`${next.cadence.text}${next.cadence.monitoring ? ' (monitoring)' : ''}`)],
      [plain(oneLine(incident.title))],
    ]),
    empty: 'No open incident has a late public update.',
  };
  const stale = agenda.runbooks.length + agenda.incidents.length;
  const summary =
    stale === 0
      ? 'Nothing is stale.'
      : `${agenda.runbooks.length} ${agenda.runbooks.length === 1 ? 'runbook' : 'runbooks'} past review, ${agenda.incidents.length} open ${
          agenda.incidents.length === 1 ? 'incident' : 'incidents'
        } with a late public update.`;
  return { title: `Stale, ${wallClockText(agenda.now, zone)}`, summary, sections: [runbooks, incidents] };
}

export const formatFollowUps = (agenda: FollowUpAgenda, format: HumanFormat): string => render(followUpDocument(agenda), format);
export const formatRetrospectives = (agenda: RetrospectiveAgenda, format: HumanFormat): string => render(retrospectiveDocument(agenda), format);
export const formatStale = (agenda: StaleAgenda, format: HumanFormat): string => render(staleDocument(agenda), format);
