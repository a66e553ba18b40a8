// The page of one run (#/runs/42): live figures and charts from the samples the service keeps while the run goes,
// the problem and resume command, the report by thinking mode and by model, and its rows to review.

import { getJson } from './api.js';
import { chart, fit, forget } from './charts.js';
import { button, cost, count, el, isRunning, problemPanel, reportBody, runActions } from './view.js';

const PAGE_SIZE = 25;
const FORMATS = ['csv', 'xlsx', 'jsonl'];
// more answer columns than this (the fields of generate and extract) are listed in one column, beside the source
const MAX_ANSWER_COLUMNS = 4;

const page = {
	title: document.getElementById('run-title'),
	actions: document.getElementById('run-actions'),
	live: document.getElementById('run-live'),
	charts: document.getElementById('run-charts'),
	problem: document.getElementById('run-problem'),
	report: document.getElementById('run-report'),
	rowsHead: document.querySelector('#rows thead'),
	rowsBody: document.querySelector('#rows tbody'),
	rowsPager: document.getElementById('rows-pager'),
	rowsFilter: document.getElementById('rows-filter'),
	kind: document.getElementById('rows-kind'),
	label: document.getElementById('rows-label'),
	labelField: document.getElementById('rows-label-field'),
	language: document.getElementById('rows-language'),
	languageField: document.getElementById('rows-language-field'),
	search: document.getElementById('rows-search'),
};

const charts = new Map();

/** What the page shows: the run, how its rows are filtered, and what was last drawn. */
const state = { runId: null, status: null, rows: null, query: { page: 0 }, shownRows: null };

/** Opens the page of a run afresh: filters reset, charts redrawn. */
export function open(runId) {
	if (state.runId !== runId) {
		forget(charts);
		page.actions.replaceChildren();
		delete page.actions.dataset.offered;
		page.charts.replaceChildren();
		page.live.replaceChildren();
		page.problem.replaceChildren();
		page.report.replaceChildren();
		page.rowsHead.replaceChildren();
		page.rowsBody.replaceChildren();
		page.rowsPager.replaceChildren();
		page.rowsFilter.reset();
		Object.assign(state, { runId, status: null, rows: null, query: { page: 0 }, shownRows: null });
		page.title.textContent = `Run ${runId}`;
	}
}

/** Fits the charts to their boxes after the window was resized. */
export function fitCharts() {
	fit(charts);
}

/** The run shown now, or null. */
export function shown() {
	return state.runId;
}

/** Reads the run, its samples and (when they changed) its report and rows, and draws them. */
export async function load() {
	const id = state.runId;
	const run = await getJson(`api/runs/${id}`);
	const series = await getJson(`api/runs/${id}/series`);
	// the report changes while the run goes or when its status changed; read before anything is drawn, so that the
	// figures never show a status the report below them does not show yet
	const details = isRunning(run) || run.status !== state.status
		? await Promise.all([getJson(`api/runs/${id}/report`), getJson(`api/runs/${id}/models`)]) : null;
	if (state.runId !== id) {
		return;
	}
	page.title.textContent = `Run ${id} of job ${run.job}`;
	// drawn again only when they change, so that a format being chosen is not reset by the next refresh
	const offered = `${id} ${run.status} ${run.totals.rejected}`;
	if (page.actions.dataset.offered !== offered) {
		page.actions.replaceChildren(...actions(run));
		page.actions.dataset.offered = offered;
	}
	page.live.replaceChildren(live(run, series.samples));
	draw(series.samples);
	if (details) {
		page.problem.replaceChildren(problemPanel(run) ?? '');
		page.report.replaceChildren(reportBody(...details));
	}
	if (run.status !== state.status || run.totals.rows !== state.rows) {
		state.status = run.status;
		state.rows = run.totals.rows;
		await loadRows();
	}
}

function actions(run) {
	const id = run.runId;
	const controls = runActions(run).filter((control) => control.dataset.action !== 'download');
	if (run.totals.rejected > 0 && !isRunning(run)) {
		controls.push(button('retry', `Retry the rejected rows of run ${id}`,
			`Retry ${count(run.totals.rejected)} rejected row${run.totals.rejected === 1 ? '' : 's'}`, { 'data-run': id }));
	}
	if (run.status === 'COMPLETED') {
		const select = el('select', { id: 'download-format', 'aria-label': `Format of the output of run ${id}` },
			FORMATS.map((format) => el('option', { value: format }, format.toUpperCase())));
		controls.push(el('span', { class: 'download-choice' }, select,
			button('download-as', `Download the output of run ${id} in the chosen format`, 'Download',
				{ 'data-run': id })));
		controls.push(el('a', { href: `api/runs/${id}/output`, 'data-action': 'download',
			'data-name': `run-${id}-output`, 'aria-label': `Download the output of run ${id}` }, 'Output as written'));
		controls.push(el('a', { href: `api/runs/${id}/rejects`, 'data-action': 'download',
			'data-name': `run-${id}-rejects`, 'aria-label': `Download the rejects of run ${id}` }, 'Rejects'));
	}
	return controls;
}

function figure(name, value, detail) {
	return el('div', { class: 'figure', 'data-figure': name },
		el('dt', {}, name), el('dd', {}, value, detail ? el('small', { class: 'muted' }, ` ${detail}`) : null));
}

function duration(seconds) {
	if (seconds == null) {
		return '—';
	}
	const s = Math.max(0, Math.round(seconds));
	const hms = [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60];
	return hms[0] > 0 ? `${hms[0]}:${String(hms[1]).padStart(2, '0')}:${String(hms[2]).padStart(2, '0')}`
		: `${hms[1]}:${String(hms[2]).padStart(2, '0')}`;
}

/** The figures of the run now: from its latest sample while it runs, from its totals once it ended. */
function live(run, samples) {
	const last = samples.at(-1);
	const running = isRunning(run);
	const total = run.inputRows;
	const rows = run.totals.rows;
	const percent = total > 0 ? ` (${Math.floor((Math.min(rows, total) * 100) / total)} %)` : '';
	return el('dl', { class: 'figures' },
		figure('Status', el('span', { class: `status status-${run.status.toLowerCase()}` }, run.status),
			run.executions > 1 ? `×${run.executions}` : null),
		figure('Rows', `${count(rows)}${total != null ? ` / ${count(total)}` : ''}${percent}`,
			`${count(run.totals.rejected)} rejected`),
		figure('Rows/s', last ? last.rowsPerSecond.toFixed(1) : '—', running ? null : 'last execution'),
		figure('ETA', running && last ? duration(last.etaSeconds) : '—'),
		figure('In flight', last ? `${count(running ? last.inFlight : 0)} / ${last.limit > 0 ? count(last.limit) : '∞'}` : '—',
			'calls / limit'),
		figure('429 rate', last ? count(last.rateLimited) : '0', '1302/1303'),
		figure('1305 load', last ? count(last.overloaded) : '0', 'overloaded'),
		figure('Cost', cost(run.totals.costUsd), reused(run.totals)));
}

/** The answers earlier runs paid for and this run took instead of paying again, with what they cost then. */
function reused(totals) {
	return totals.earlierRunCalls > 0
		? `+ ${count(totals.earlierRunCalls)} re-used (${cost(totals.earlierRunCostUsd)} then)` : null;
}

/** Rows per second between two samples: the rate of that moment, not the average since the start. */
function rates(samples) {
	return samples.map((sample, i) => {
		if (i === 0) {
			return sample.rowsPerSecond;
		}
		const before = samples[i - 1];
		const seconds = (Date.parse(sample.at) - Date.parse(before.at)) / 1000;
		return seconds > 0 ? Math.max(0, (sample.rowsDone - before.rowsDone) / seconds) : null;
	});
}

function draw(samples) {
	if (samples.length === 0) {
		if (!page.charts.querySelector('.no-samples')) {
			page.charts.replaceChildren(el('p', { class: 'muted no-samples' },
				'No samples yet: the charts start after the first seconds of a run (runs before this version have none).'));
		}
		return;
	}
	page.charts.querySelector('.no-samples')?.remove();
	const xs = samples.map((sample) => Date.parse(sample.at) / 1000);
	const fixed = (digits) => (value) => Number(value).toFixed(digits);
	chart(charts, 'rate', page.charts, { title: 'Rows per second', series: [{ label: 'rows/s', format: fixed(1) }] },
		[xs, rates(samples)]);
	chart(charts, 'flight', page.charts, {
		title: 'Calls in flight against the limit',
		series: [{ label: 'in flight', format: fixed(0) }, { label: 'limit', format: fixed(0) }],
	}, [xs, samples.map((s) => s.inFlight), samples.map((s) => s.limit)]);
	chart(charts, 'throttled', page.charts, {
		title: '429 answers so far',
		series: [{ label: 'rate (1302/1303)', format: fixed(0) }, { label: 'load (1305)', format: fixed(0) }],
	}, [xs, samples.map((s) => s.rateLimited), samples.map((s) => s.overloaded)]);
	chart(charts, 'cost', page.charts, {
		title: 'Cost so far (USD)', series: [{ label: 'cost', format: (v) => `$${Number(v).toFixed(4)}` }],
	}, [xs, samples.map((s) => (s.costUsd == null ? null : Number(s.costUsd)))]);
}

// --- rows

function query() {
	const params = new URLSearchParams({ page: state.query.page, size: PAGE_SIZE });
	for (const [name, value] of Object.entries({
		filter: page.kind.value, label: page.label.value, language: page.language.value, q: page.search.value.trim(),
	})) {
		if (value) {
			params.set(name, value);
		}
	}
	return params;
}

/** Reads the page of rows the filters ask for and draws it. */
export async function loadRows() {
	const id = state.runId;
	const found = await getJson(`api/runs/${id}/rows?${query()}`);
	if (state.runId !== id) {
		return;
	}
	options(page.label, page.labelField, found.labels, 'any');
	options(page.language, page.languageField, found.languages, 'all');
	drawRows(found);
}

function options(select, field, values, anyText) {
	const chosen = select.value;
	select.replaceChildren(el('option', { value: '' }, anyText),
		...values.map((value) => el('option', { value, selected: value === chosen }, value)));
	field.hidden = values.length === 0 && !chosen;
}

/** A language's name in English beside its code ("French (fr)"), or the code alone when the browser has no name. */
function languageName(code) {
	try {
		const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
		return name && name !== code ? `${name} (${code})` : code;
	}
	catch {
		return code;
	}
}

/**
 * The answer columns of a page of rows: a translation's outputs (<input column>_<language>) grouped into one column
 * per target language, side by side; many other outputs (the fields of generate and extract) in one column as a list;
 * a few (a label, its confidence and reason; a summary) each in its own column.
 */
function answerColumns(found) {
	const outputs = [];
	for (const row of found.rows) {
		for (const column of Object.keys(row.outputs)) {
			if (!outputs.includes(column)) {
				outputs.push(column);
			}
		}
	}
	const translated = (column) => {
		const split = column.lastIndexOf('_');
		const language = column.slice(split + 1);
		const source = column.slice(0, split);
		return split > 0 && found.languages.includes(language)
			&& found.rows.some((row) => Object.hasOwn(row.input, source)) ? { language, source } : null;
	};
	const languages = new Map();
	const others = [];
	for (const column of outputs) {
		const translation = translated(column);
		if (translation) {
			const fields = languages.get(translation.language) ?? [];
			fields.push({ column, name: translation.source });
			languages.set(translation.language, fields);
		}
		else {
			others.push(column);
		}
	}
	const columns = [...languages].map(([language, fields]) => ({ title: languageName(language), language, fields }));
	if (others.length > MAX_ANSWER_COLUMNS) {
		columns.push({ title: 'Answer', fields: others.map((column) => ({ column, name: column })) });
	}
	else {
		columns.push(...others.map((column) => ({ title: column, column })));
	}
	return columns;
}

function answerCell(row, column) {
	if (column.column) {
		return el('td', { class: 'answer', 'data-column': column.column }, row.outputs[column.column] ?? '');
	}
	return el('td', { class: 'answer fields', 'data-language': column.language }, el('dl', {},
		column.fields.filter((field) => Object.hasOwn(row.outputs, field.column)).flatMap((field) => [
			el('dt', {}, field.name), el('dd', { 'data-column': field.column }, row.outputs[field.column] ?? '')])));
}

function drawRows(found) {
	const columns = answerColumns(found);
	page.rowsHead.replaceChildren(el('tr', {},
		el('th', { scope: 'col', class: 'num' }, 'Row'),
		el('th', { scope: 'col' }, 'Source'),
		columns.map((column) => el('th', { scope: 'col', 'data-language': column.language ?? null }, column.title)),
		el('th', { scope: 'col' }, 'Status')));
	page.rowsBody.replaceChildren(...(found.rows.length > 0 ? found.rows.map((row) => el('tr', {
		'data-row': row.row, 'data-status': row.status,
	},
	el('th', { scope: 'row', class: 'num' }, String(row.row)),
	el('td', { class: 'source' }, el('dl', {}, Object.entries(row.input).flatMap(([name, value]) => [
		el('dt', {}, name), el('dd', {}, value ?? '')]))),
	columns.map((column) => answerCell(row, column)),
	el('td', { class: 'row-status' },
		el('span', { class: `status ${row.status === 'DONE' ? 'status-completed' : 'status-failed'}` }, row.status),
		row.escalated ? el('span', { class: 'badge tag' }, 'escalated') : null,
		row.repairs > 0 ? el('span', { class: 'badge tag' }, `repaired ×${row.repairs}`) : null,
		row.reason ? el('p', { class: 'problem reject-reason' }, row.reason) : null)))
		: [el('tr', {}, el('td', { colspan: columns.length + 3, class: 'muted' },
			state.rows === 0 ? 'No rows committed yet.' : 'No rows match these filters.'))]));
	const pages = Math.max(1, Math.ceil(found.total / found.size));
	page.rowsPager.replaceChildren(
		el('button', { type: 'button', 'data-action': 'rows-page', 'data-page': found.page - 1,
			disabled: found.page <= 0, 'aria-label': 'Previous page of rows' }, '‹ Previous'),
		el('span', { class: 'pager-text' }, `Page ${found.page + 1} of ${pages} · ${count(found.total)} rows`),
		el('button', { type: 'button', 'data-action': 'rows-page', 'data-page': found.page + 1,
			disabled: found.page + 1 >= pages, 'aria-label': 'Next page of rows' }, 'Next ›'));
}

/** Goes to another page of rows. */
export function rowsPage(number) {
	state.query.page = Math.max(0, number);
	return loadRows();
}

/** The filters changed: back to their first page. */
export function filtered() {
	state.query.page = 0;
	return loadRows();
}
