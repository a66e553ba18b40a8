// The dashboard: a view per address (#/ runs and jobs, #/history, #/runs/42 a run's own page), refreshed every 2 s
// while the tab is visible, with the buttons turned into API calls. Every failure is shown in the message area; a 401
// asks for the service token.

import { ApiError, download, getJson, post, storeToken, storedToken } from './api.js';
import { chart, fit, forget } from './charts.js';
import { el, jobRow, runRow, runsHead, shownZone, useZone } from './view.js';
import * as runPage from './run.js';

const REFRESH_MILLIS = 2000;
const MAX_MESSAGES = 3;
const FADE_MILLIS = 10_000;
const HISTORY_SIZE = 20;
const CHART_RUNS = 30;

const page = {
	views: [...document.querySelectorAll('.view')],
	tabs: [...document.querySelectorAll('nav [data-view]')],
	jobs: document.querySelector('#jobs tbody'),
	runs: document.querySelector('#runs tbody'),
	history: document.querySelector('#history tbody'),
	historyPager: document.getElementById('history-pager'),
	historyFilter: document.getElementById('history-filter'),
	historyJob: document.getElementById('history-job'),
	historyStatus: document.getElementById('history-status'),
	historyChart: document.getElementById('history-chart'),
	historyChartTitle: document.getElementById('history-chart-title'),
	messages: document.getElementById('messages'),
	refreshState: document.getElementById('refresh-state'),
	tokenForm: document.getElementById('token-form'),
	tokenInput: document.getElementById('token'),
	forgetToken: document.getElementById('forget-token'),
	confirm: document.getElementById('confirm'),
};

let timer = null;
let loads = Promise.resolve();
let needsToken = false;
let zoneKnown = false;
let view = 'home';
let history = { job: '', status: '', page: 0 };
const jobCharts = new Map();

// --- messages: success, info or error; at most three, success and info fade after 10 s, all dismissible

function dismissible(kind, text, source) {
	const message = el('div', { class: `message ${kind}`, 'data-source': source, role: kind === 'error' ? 'alert' : 'status' },
		el('p', {}, text),
		el('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss this message' }, '×'));
	message.querySelector('button').addEventListener('click', () => message.remove());
	if (kind !== 'error') {
		setTimeout(() => message.remove(), FADE_MILLIS);
	}
	return message;
}

function show(kind, text, source = 'action') {
	if (source === 'refresh') {
		page.messages.querySelector('[data-source="refresh"]')?.remove();
	}
	add(dismissible(kind, text, source));
}

/** Puts a message first and drops the oldest beyond the cap. */
function add(message) {
	page.messages.prepend(message);
	while (page.messages.children.length > MAX_MESSAGES) {
		page.messages.lastElementChild.remove();
	}
}

function failed(error, source) {
	if (error instanceof ApiError && error.status === 401) {
		askForToken();
	}
	const text = error instanceof ApiError ? error.message : `Unexpected error: ${error?.message ?? error}`;
	show('error', text, source);
}

/** After ALREADY_COMPLETED: a message with a "Run anew" button, the API's new=true. */
function offerRunAnew(job) {
	const message = dismissible('info', `Run job ${job} anew on the same input?`, 'action');
	message.querySelector('p').append(' ', el('button', {
		type: 'button', 'data-action': 'anew', 'data-job': job, 'aria-label': `Run job ${job} anew`,
	}, 'Run anew'));
	add(message);
}

/** Asks in a modal dialog; answers whether the user confirmed. */
function confirmed(text, action) {
	document.getElementById('confirm-text').textContent = text;
	document.getElementById('confirm-ok').textContent = action;
	page.confirm.returnValue = '';
	page.confirm.showModal();
	document.getElementById('confirm-cancel').focus();
	return new Promise((resolve) => {
		page.confirm.addEventListener('close', () => resolve(page.confirm.returnValue === 'confirm'), { once: true });
	});
}

for (const choice of page.confirm.querySelectorAll('button')) {
	choice.addEventListener('click', () => page.confirm.close(choice.value));
}

// --- token

function askForToken() {
	needsToken = true;
	clearTimeout(timer);
	page.jobs.replaceChildren();
	page.runs.replaceChildren();
	page.history.replaceChildren();
	page.tokenForm.hidden = false;
	page.forgetToken.hidden = true;
	page.refreshState.textContent = 'Waiting for the service token';
	page.tokenInput.focus();
}

page.tokenForm.addEventListener('submit', (event) => {
	event.preventDefault();
	storeToken(page.tokenInput.value);
	page.tokenInput.value = '';
	page.tokenForm.hidden = true;
	needsToken = false;
	refresh();
});

page.forgetToken.addEventListener('click', () => {
	storeToken('');
	refresh();
});

// --- views

function route() {
	const [path, search] = (location.hash.slice(1) || '/').split('?');
	const params = new URLSearchParams(search ?? '');
	const run = /^\/runs\/(\d+)$/.exec(path);
	view = run ? 'run' : path === '/history' ? 'history' : 'home';
	if (run) {
		runPage.open(Number(run[1]));
	}
	if (view === 'history') {
		const wanted = { job: params.get('job') ?? '', status: params.get('status') ?? '', page: Number(params.get('page') ?? 0) };
		if (wanted.job !== history.job) {
			forget(jobCharts);
			page.historyChart.querySelector('.charts').replaceChildren();
		}
		history = wanted;
	}
	for (const section of page.views) {
		section.hidden = section.id !== `view-${view}`;
	}
	for (const tab of page.tabs) {
		tab.toggleAttribute('aria-current', tab.dataset.view === view);
	}
	if (path === '/jobs') {
		document.getElementById('jobs-section').scrollIntoView();
	}
	else {
		window.scrollTo(0, 0);
	}
	if (run) {
		document.getElementById('run-title').focus({ preventScroll: true });
	}
	return refresh();
}

window.addEventListener('hashchange', route);
window.addEventListener('resize', () => {
	fit(jobCharts);
	runPage.fitCharts();
});

// --- refreshing

/** Re-renders a table body, keeping the keyboard focus on the same control when it is still there. */
function replaceRows(body, rows) {
	const focused = body.contains(document.activeElement) ? document.activeElement : null;
	const key = focused?.getAttribute('aria-label');
	body.replaceChildren(...rows);
	if (key) {
		[...body.querySelectorAll('[aria-label]')].find((control) => control.getAttribute('aria-label') === key)
			?.focus();
	}
}

function runRows(runs, empty) {
	return runs.length > 0 ? runs.map(runRow) : [el('tr', {}, el('td', { colspan: 8, class: 'muted' }, empty))];
}

async function loadHome() {
	const [jobs, runs] = await Promise.all([getJson('api/jobs'), getJson('api/runs?limit=20')]);
	replaceRows(page.runs, runRows(runs, 'No runs yet.'));
	replaceRows(page.jobs, jobs.length > 0 ? jobs.map(jobRow)
		: [el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No job files in the jobs folder.'))]);
}

function historyQuery(changes) {
	const next = { ...history, ...changes };
	const params = new URLSearchParams();
	for (const [name, value] of Object.entries(next)) {
		if (value !== '' && !(name === 'page' && value === 0)) {
			params.set(name, value);
		}
	}
	const text = params.toString();
	return `#/history${text ? `?${text}` : ''}`;
}

async function loadHistory() {
	const params = new URLSearchParams({ page: history.page, size: HISTORY_SIZE });
	if (history.job) {
		params.set('job', history.job);
	}
	if (history.status) {
		params.set('status', history.status);
	}
	const [jobs, found] = await Promise.all([getJson('api/jobs'), getJson(`api/runs?${params}`)]);
	const names = [...new Set([...jobs.map((job) => job.name), history.job].filter(Boolean))].sort();
	page.historyJob.replaceChildren(el('option', { value: '' }, 'all jobs'),
		...names.map((name) => el('option', { value: name, selected: name === history.job }, name)));
	page.historyStatus.value = history.status;
	replaceRows(page.history, runRows(found.runs, 'No runs match.'));
	const pages = Math.max(1, Math.ceil(found.total / found.size));
	page.historyPager.replaceChildren(
		el('a', { href: historyQuery({ page: found.page - 1 }), hidden: found.page <= 0, 'aria-label': 'Newer runs' }, '‹ Newer'),
		el('span', { class: 'pager-text' }, `Page ${found.page + 1} of ${pages} · ${found.total} runs`),
		el('a', { href: historyQuery({ page: found.page + 1 }), hidden: found.page + 1 >= pages, 'aria-label': 'Older runs' }, 'Older ›'));
	page.historyChart.hidden = !history.job;
	if (history.job) {
		await loadJobChart(history.job);
	}
}

/** Cost and duration of the job's recent runs, oldest left. */
async function loadJobChart(job) {
	const recent = await getJson(`api/runs?page=0&size=${CHART_RUNS}&job=${encodeURIComponent(job)}`);
	const runs = recent.runs.filter((run) => run.firstStartedAt ?? run.startedAt).reverse();
	// run times are the service's local date-times: read as UTC and shown as UTC, they show its wall clock
	const wall = (local) => Date.parse(`${local.replace(/(\.\d{3})\d*/, '$1')}Z`);
	const at = (run) => wall(run.firstStartedAt ?? run.startedAt);
	const xs = [];
	for (const run of runs) {
		// runs started in the same second would not be apart on a time axis
		xs.push(Math.max(at(run) / 1000, (xs.at(-1) ?? 0) + 1));
	}
	const minutes = runs.map((run) => (run.endedAt ? (wall(run.endedAt) - at(run)) / 60000 : null));
	page.historyChartTitle.textContent = `Job ${job}: cost and duration of its last ${runs.length} runs (${shownZone()})`;
	chart(jobCharts, job, page.historyChart.querySelector('.charts'), {
		title: 'Cost (USD, left) and duration (minutes, right)',
		points: true,
		wallClock: true,
		series: [
			{ label: 'cost', scale: 'usd', format: (v) => `$${Number(v).toFixed(4)}` },
			{ label: 'duration', scale: 'min', format: (v) => `${Number(v).toFixed(1)} min` },
		],
		axes: [
			{ scale: 'usd', side: 3, format: (v) => `$${Number(v).toFixed(3)}` },
			{ scale: 'min', side: 1, format: (v) => `${Number(v).toFixed(1)}` },
		],
	}, [xs, runs.map((run) => (run.totals.costUsd == null ? null : Number(run.totals.costUsd))), minutes]);
}

async function load() {
	if (!zoneKnown) {
		useZone((await getJson('api/clock')).zone);
		zoneKnown = true;
	}
	if (view === 'run') {
		await runPage.load();
	}
	else if (view === 'history') {
		await loadHistory();
	}
	else {
		await loadHome();
	}
	page.messages.querySelector('[data-source="refresh"]')?.remove();
	page.forgetToken.hidden = !storedToken();
	const now = new Date();
	page.refreshState.textContent = `Updated ${now.toLocaleTimeString('en-GB', { hourCycle: 'h23', timeZone: shownZone() })} ${shownZone()}`;
}

/** Loads the view (after a load already under way, so that an action's effect shows), then schedules the next. */
function refresh() {
	clearTimeout(timer);
	loads = loads.then(load).catch((error) => failed(error, 'refresh')).finally(schedule);
	return loads;
}

function schedule() {
	clearTimeout(timer);
	if (needsToken) {
		return;
	}
	if (document.hidden) {
		page.refreshState.textContent = 'Paused while this tab is hidden';
		return;
	}
	timer = setTimeout(refresh, REFRESH_MILLIS);
}

document.addEventListener('visibilitychange', () => (document.hidden ? schedule() : refresh()));

page.historyFilter.addEventListener('change', () => {
	location.hash = historyQuery({ job: page.historyJob.value, status: page.historyStatus.value, page: 0 });
});
page.historyFilter.addEventListener('submit', (event) => event.preventDefault());

const rowsFilter = document.getElementById('rows-filter');
rowsFilter.addEventListener('submit', (event) => {
	event.preventDefault();
	runPage.filtered().catch((error) => failed(error, 'action'));
});
rowsFilter.addEventListener('change', (event) => {
	if (event.target.tagName === 'SELECT') {
		runPage.filtered().catch((error) => failed(error, 'action'));
	}
});

// --- actions

function launched(launch) {
	switch (launch.outcome) {
		case 'STARTED':
			return `Run ${launch.runId} of job ${launch.job} started.`;
		case 'RESUMED':
			return `Job ${launch.job}: resumed run ${launch.runId} (it had not finished; rows already done are not paid again).`;
		case 'ALREADY_COMPLETED':
			return `Job ${launch.job}: its input was already processed by run ${launch.runId}; nothing was started.`
				+ ' Use "Run anew" to process it again (answers paid before are re-used).';
		case 'SWEEP':
			return `Job ${launch.job}: going through ${launch.files.length} matching file(s) in the background.`;
		default:
			return `Job ${launch.job}: ${launch.outcome}.`;
	}
}

/** A run was started or resumed: its page shows it, at the top of the screen. */
function follow(launch) {
	if (launch.runId != null && (launch.outcome === 'STARTED' || launch.outcome === 'RESUMED')) {
		location.hash = `#/runs/${launch.runId}`;
	}
}

const actions = {
	start: async (control) => {
		const launch = await post(`api/jobs/${encodeURIComponent(control.dataset.job)}/runs`);
		show(launch.outcome === 'ALREADY_COMPLETED' ? 'info' : 'success', launched(launch));
		if (launch.outcome === 'ALREADY_COMPLETED') {
			offerRunAnew(control.dataset.job);
		}
		follow(launch);
	},
	anew: async (control) => {
		control.closest('.message')?.remove();
		const launch = await post(`api/jobs/${encodeURIComponent(control.dataset.job)}/runs?new=true`);
		show('success', launched(launch));
		follow(launch);
	},
	stop: async (control) => {
		const id = control.dataset.run;
		if (!await confirmed(`Stop run ${id}? It stops at its next chunk boundary; rows done so far are kept, and it can be`
			+ ' resumed later.', `Stop run ${id}`)) {
			show('info', `Run ${id} goes on.`);
			return;
		}
		await post(`api/runs/${id}/stop`);
		show('success', `Stop requested: run ${id} stops at its next chunk boundary.`);
	},
	resume: async (control) => {
		const launch = await post(`api/runs/${control.dataset.run}/resume`);
		show('success', launch.outcome === 'RESUMED' ? `Resumed run ${launch.runId} of job ${launch.job}.` : launched(launch));
		follow(launch);
	},
	retry: async (control) => {
		const retried = await post(`api/runs/${control.dataset.run}/retry`);
		show('success', `Run ${retried.runId} retries the rejected rows of run ${control.dataset.run}.`);
		location.hash = `#/runs/${retried.runId}`;
	},
	download: async (control) => show('success', `Downloaded ${await download(control.getAttribute('href'),
		control.dataset.name)}.`),
	'download-as': async (control) => {
		const format = document.getElementById('download-format').value;
		show('success', `Downloaded ${await download(`api/runs/${control.dataset.run}/output?format=${format}`,
			`run-${control.dataset.run}.${format}`)}.`);
	},
	'rows-page': (control) => runPage.rowsPage(Number(control.dataset.page)),
	reload: async () => {
		const jobs = await post('api/jobs/reload');
		replaceRows(page.jobs, jobs.map(jobRow));
		const invalid = jobs.filter((job) => !job.valid).length;
		show(invalid > 0 ? 'info' : 'success', `Reloaded ${jobs.length} job file(s)${invalid > 0 ? `, ${invalid} invalid` : ''}.`);
	},
};

const QUIET = new Set(['download', 'download-as', 'rows-page']);

async function act(event) {
	const control = event.target.closest('[data-action]');
	if (!control || !actions[control.dataset.action]) {
		return;
	}
	event.preventDefault();
	control.setAttribute('aria-busy', 'true');
	if (control instanceof HTMLButtonElement) {
		control.disabled = true;
	}
	try {
		await actions[control.dataset.action](control);
		if (!QUIET.has(control.dataset.action)) {
			await refresh();
		}
	}
	catch (error) {
		failed(error, 'action');
	}
	finally {
		control.removeAttribute('aria-busy');
		if (control instanceof HTMLButtonElement) {
			control.disabled = false;
		}
	}
}

for (const table of document.querySelectorAll('table.runs')) {
	table.prepend(runsHead());
}
document.querySelector('main').addEventListener('click', act);

route();
