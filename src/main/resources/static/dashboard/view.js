// Builds the dashboard's rows and panels from API data. Text from the API only ever reaches the page through text
// nodes and attribute values, never as markup.

const RUNNING = new Set(['STARTING', 'STARTED', 'STOPPING']);
const RESUMABLE = new Set(['FAILED', 'STOPPED']);
const numbers = new Intl.NumberFormat('en');

/** Whether a run is still working (its figures move). */
export function isRunning(run) {
	return RUNNING.has(run.status);
}

/** Creates an element; children are nodes or strings (added as text), null and false children are skipped. */
export function el(tag, attributes = {}, ...children) {
	const element = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) {
		if (value === null || value === undefined || value === false) {
			continue;
		}
		if (name === 'class') {
			element.className = value;
		}
		else {
			element.setAttribute(name, value === true ? '' : String(value));
		}
	}
	for (const child of children.flat()) {
		if (child !== null && child !== undefined && child !== false) {
			element.append(child instanceof Node ? child : document.createTextNode(String(child)));
		}
	}
	return element;
}

export function count(value) {
	return numbers.format(value ?? 0);
}

/** Dollars, or "unpriced" when the API sends none: a model without a price answered, so the cost is unknown. */
export function cost(usd) {
	if (usd === null) {
		return 'unpriced';
	}
	const value = Number(usd ?? 0);
	return `$${value.toFixed(value !== 0 && value < 0.01 ? 6 : 4)}`;
}

let zone = 'UTC';

/** The service's time zone: run times are its local times, and every time is shown in it, labelled. */
export function useZone(id) {
	try {
		new Intl.DateTimeFormat('en', { timeZone: id });
		zone = id;
	}
	catch {
		zone = 'UTC';
	}
}

/** The zone times are shown in. */
export function shownZone() {
	return zone;
}

/** An instant as 24-hour {date time} in the service's zone or another (seconds optional), without the zone's name. */
export function clock(at, seconds = true, inZone = zone) {
	const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
		timeZone: inZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
		second: seconds ? '2-digit' : undefined, hourCycle: 'h23',
	}).formatToParts(at).map((part) => [part.type, part.value]));
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${seconds ? `:${parts.second}` : ''}`;
}

/**
 * A date-time as the API sends it, 24-hour with its zone: an instant (…Z) in the service's zone; a local date-time
 * (the service's clock) as it is, with the service's zone; a zoned one (a schedule's zone) with its offset.
 */
export function time(iso) {
	if (!iso) {
		return '—';
	}
	let parts;
	if (iso.endsWith('Z')) {
		parts = [clock(new Date(iso)), zone];
	}
	else {
		const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d(?::\d\d)?)(?:\.\d+)?([+-]\d\d:\d\d)?/.exec(iso);
		parts = match ? [`${match[1]} ${match[2]}`, match[3] ?? zone] : [iso];
	}
	// the date-time and the zone each whole: a narrow column may put the zone on a line of its own
	return el('time', { datetime: iso }, parts.flatMap((part, i) => [i > 0 ? ' ' : null, el('span', {}, part)]));
}

/** A file path (as code unless another tag is named) that wraps after a folder's slash rather than inside a name. */
function path(text, tag = 'code') {
	return el(tag, { class: 'path' }, text.split(/(?<=\/)/).flatMap((part, i) => (i > 0 ? [el('wbr'), part] : [part])));
}

function cell(...children) {
	return el('td', {}, ...children);
}

function numeric(...children) {
	return el('td', { class: 'num' }, ...children);
}

export function button(action, label, text, data) {
	return el('button', { type: 'button', 'data-action': action, 'aria-label': label, ...data }, text);
}

export function link(action, href, label, text, data) {
	return el('a', { href, 'data-action': action, 'aria-label': label, ...data }, text);
}

/** A row of the jobs table. */
export function jobRow(job) {
	const schedule = job.schedule
		? [el('code', {}, job.schedule.cron), ` ${job.schedule.zone}, missed: ${job.schedule.missed}`,
			el('br'), 'next: ', time(job.nextTrigger)]
		: el('span', { class: 'muted' }, 'on demand');
	const state = !job.valid
		? [el('span', { class: 'badge bad' }, 'invalid'), el('p', { class: 'problem' }, job.problem ?? '')]
		: job.inputProblem
			? [el('span', { class: 'badge bad' }, 'input missing'), el('p', { class: 'problem' }, job.inputProblem)]
			: el('span', { class: 'badge ok' }, 'valid');
	const last = job.lastTrigger ? [time(job.lastTrigger.at), el('br'), job.lastTrigger.outcome] : '—';
	return el('tr', { 'data-job': job.name },
		el('th', { scope: 'row' }, job.name, el('br'), el('small', { class: 'muted path' }, path(job.file, 'span'))),
		cell(state),
		cell(job.input ? path(job.input) : '—'),
		cell(schedule),
		cell(job.busy ?? el('span', { class: 'muted' }, 'idle')),
		cell(last),
		el('td', { class: 'actions' }, el('button', {
			type: 'button', 'data-action': 'start', 'data-job': job.name, 'aria-label': `Run job ${job.name} now`,
			disabled: !job.valid, title: job.valid ? null : 'The job file is invalid: fix it first',
		}, 'Run now'), el('a', { href: `#/history?job=${encodeURIComponent(job.name)}`,
			'aria-label': `History of job ${job.name}` }, 'History')));
}

function progress(run) {
	const rows = run.totals.rows;
	const total = run.inputRows;
	if (total == null || total <= 0) {
		return cell(isRunning(run) ? el('progress', { 'aria-label': `Run ${run.runId}: ${count(rows)} rows` }) : null,
			el('span', { class: 'progress-text' }, `${count(rows)} rows`));
	}
	const done = Math.min(rows, total);
	const percent = Math.floor((done * 100) / total);
	return cell(
		el('progress', { max: total, value: done, 'aria-label': `Run ${run.runId}: ${count(done)} of ${count(total)} rows` }),
		el('span', { class: 'progress-text' }, `${count(rows)} / ${count(total)} (${percent} %)`));
}

/** The Stop, Resume and download controls of a run. */
export function runActions(run) {
	const id = run.runId;
	const data = { 'data-run': id };
	const actions = [];
	if (run.status === 'STARTED') {
		actions.push(button('stop', `Stop run ${id}`, 'Stop', data));
	}
	if (RESUMABLE.has(run.status)) {
		actions.push(button('resume', `Resume run ${id}`, 'Resume', data));
	}
	if (run.status === 'COMPLETED') {
		actions.push(link('download', `api/runs/${id}/output`, `Download the output of run ${id}`, 'Output',
			{ ...data, 'data-name': `run-${id}-output` }));
		actions.push(link('download', `api/runs/${id}/rejects`, `Download the rejects of run ${id}`, 'Rejects',
			{ ...data, 'data-name': `run-${id}-rejects` }));
	}
	return actions;
}

/** The head of the runs and history tables: a column for each cell of {@link runRow}. */
export function runsHead() {
	const column = (attributes, ...children) => el('th', { scope: 'col', ...attributes }, ...children);
	return el('thead', {}, el('tr', {},
		column({ class: 'num' }, 'Run'),
		column({}, 'Job'),
		column({}, 'Status'),
		column({}, 'Progress'),
		column({ class: 'num' }, 'Rows', el('br'), el('small', {}, 'committed / done / rejected')),
		column({ class: 'num' }, 'Cost'),
		column({}, 'Started', el('br'), el('small', {}, 'ended')),
		column({}, el('span', { class: 'visually-hidden' }, 'Actions'))));
}

/** A row of the runs and history tables: the figures that fit; the run's page has the rest. */
export function runRow(run) {
	const t = run.totals;
	const id = run.runId;
	return el('tr', { 'data-run-id': id, 'data-status': run.status },
		el('th', { scope: 'row', class: 'num' }, el('a', { href: `#/runs/${id}`, 'aria-label': `Open run ${id}` },
			String(id))),
		cell(run.job),
		cell(el('span', { class: `status status-${run.status.toLowerCase()}` }, run.status),
			run.executions > 1 ? el('small', { class: 'muted' }, ` ×${run.executions}`) : null,
			run.problem ? el('p', { class: 'problem clamp', title: run.problem }, run.problem) : null),
		progress(run),
		numeric(`${count(t.rows)} / ${count(t.done)} / ${count(t.rejected)}`),
		numeric(cost(t.costUsd), t.earlierRunCalls > 0 ? el('small', {
			class: 'reused', title: `${count(t.earlierRunCalls)} answers re-used from earlier runs, which paid ${cost(t.earlierRunCostUsd)}`,
		}, `${count(t.earlierRunCalls)} re-used`) : null),
		cell(time(run.firstStartedAt ?? run.startedAt), el('br'),
			run.endedAt ? time(run.endedAt) : el('span', { class: 'muted' }, 'running')),
		el('td', { class: 'actions' },
			el('a', { href: `#/runs/${id}`, 'aria-label': `Report of run ${id}` }, 'Open'), runActions(run)));
}

function entry(term, ...description) {
	return [el('dt', {}, term), el('dd', {}, ...description)];
}

function file(what, view, runId) {
	if (!view.exists) {
		return [el('code', {}, view.path || '—'), ' ', el('span', { class: 'muted' }, '(not written yet)')];
	}
	if (view.replaced) {
		return [el('code', {}, view.path), ' ',
			el('span', { class: 'problem' }, '(replaced since this run wrote it: another run or a person wrote there)')];
	}
	return [el('code', {}, view.path), ' ',
		link('download', view.href.replace(/^\//, ''), `Download the ${what} of run ${runId}`, 'Download',
			{ 'data-run': runId, 'data-name': `run-${runId}-${what}` })];
}

/** Calls, tokens and cost of the calls made with thinking off and on: the two rows add up to the run's totals. */
function thinkingSplit(t) {
	const row = (mode, figures) => el('tr', {},
		el('th', { scope: 'row' }, `Thinking ${mode}`),
		el('td', { class: 'num' }, count(figures.calls)),
		el('td', { class: 'num' }, count(figures.promptTokens)),
		el('td', { class: 'num' }, count(figures.cachedTokens)),
		el('td', { class: 'num' }, count(figures.completionTokens)),
		el('td', { class: 'num' }, count(figures.reasoningTokens)),
		el('td', { class: 'num' }, cost(figures.costUsd)));
	return el('table', { class: 'thinking-split' },
		el('caption', { class: 'visually-hidden' }, 'Calls, tokens and cost by thinking mode'),
		el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Mode'),
			['Calls', 'Prompt', 'Cached', 'Completion', 'Reasoning', 'Cost'].map((title) => el('th', { scope: 'col', class: 'num' }, title)))),
		el('tbody', {}, row('off', t.thinkingOff), row('on', t.thinkingOn)));
}

/** The paid answers by model (from the call ledger). */
function modelSplit(models) {
	if (models.length === 0) {
		return el('span', { class: 'muted' }, 'no paid answers yet');
	}
	return el('table', { class: 'thinking-split model-split' },
		el('caption', { class: 'visually-hidden' }, 'Paid answers, tokens and cost by model'),
		el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Model'),
			['Answers', 'Prompt', 'Cached', 'Completion', 'Reasoning', 'Cost'].map((title) => el('th', { scope: 'col', class: 'num' }, title)))),
		el('tbody', {}, models.map((m) => el('tr', {},
			el('th', { scope: 'row' }, m.model),
			[m.calls, m.promptTokens, m.cachedTokens, m.completionTokens, m.reasoningTokens]
				.map((value) => el('td', { class: 'num' }, count(value))),
			el('td', { class: 'num' }, cost(m.costUsd))))));
}

/** Why a failed or stopped run ended, and the command that resumes it. */
export function problemPanel(run) {
	if (!run.problem && !(RESUMABLE.has(run.status) && run.resumeCommand)) {
		return null;
	}
	const stopped = run.status === 'STOPPED';
	// a command for the service's API says itself that the dashboard's Resume button does the same
	const button = RESUMABLE.has(run.status) && !/dashboard/i.test(run.resumeCommand ?? '');
	return el('div', { class: `problem-panel${stopped ? ' stopped' : ''}` },
		el('h3', {}, stopped ? 'Why it stopped' : 'Problem'),
		run.problem ? el('p', { class: 'problem' }, run.problem) : null,
		run.resumeCommand ? el('p', {}, 'Resume it with ', el('code', { class: 'resume-command' }, run.resumeCommand),
			button ? ' or the Resume button.' : '.') : null);
}

/** The body of the report: totals, the split by thinking mode and by model, the files. */
export function reportBody(report, models = []) {
	const run = report.run;
	const t = run.totals;
	const ofInput = run.inputRows != null ? ` of ${count(run.inputRows)} input rows` : '';
	return el('dl', { class: 'report-grid' },
		entry('Job', run.job),
		entry('Status', el('span', { class: `status status-${run.status.toLowerCase()}` }, run.status),
			` after ${run.executions} execution${run.executions === 1 ? '' : 's'}`),
		entry('Rows', `${count(t.rows)} committed${ofInput}: ${count(t.done)} done, ${count(t.rejected)} rejected`),
		entry('Calls', `${count(t.calls)} answers used: ${count(t.calls - t.reusedCalls)} paid by this run,`
			+ ` ${count(t.reusedCalls)} re-used from the ledger (not paid again)`),
		entry('Re-used', t.earlierRunCalls > 0
			? `${count(t.earlierRunCalls)} of those answers were paid by earlier runs, for ${cost(t.earlierRunCostUsd)} then`
			: 'no answer from earlier runs'),
		entry('Thinking', `${count(t.thinkingCalls)} calls with thinking, ${count(report.callsWithoutThinking)} without;`
			+ ` ${count(t.escalations)} of them escalations after a failed check`),
		entry('Items', `${count(t.itemsThinkingOff)} with thinking off, ${count(t.itemsThinkingOn)} on,`
			+ ` ${count(t.itemsEscalated)} escalated`),
		entry('Tokens', `${count(t.promptTokens)} prompt (${count(t.cachedTokens)} cached), `
			+ `${count(t.completionTokens)} completion (${count(t.reasoningTokens)} of it reasoning)`),
		entry('Cost', t.costUsd === null
			? [cost(t.costUsd), ' ', el('span', { class: 'muted' },
				`(${count(t.unpricedCalls)} paid calls to a model without a price; set its price in glm.models)`)]
			: cost(t.costUsd)),
		entry('By thinking', thinkingSplit(t)),
		entry('By model', modelSplit(models)),
		entry('Started', time(run.firstStartedAt ?? run.startedAt)),
		run.executions > 1 ? entry('Last resumed', time(run.startedAt)) : null,
		entry('Ended', time(run.endedAt)),
		entry('Input', el('code', {}, run.input)),
		entry('Output', file('output', report.output, run.runId)),
		entry('Rejects', file('rejects', report.rejects, run.runId)));
}
