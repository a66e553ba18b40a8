// The dashboard: polls the jobs and runs every 2 s while the tab is visible, and turns the buttons into API calls.
// Every failure is shown in the message area; a 401 asks for the service token.

import { ApiError, download, getJson, post, storeToken, storedToken } from './api.js';
import { el, isRunning, jobRow, reportBody, runRow } from './view.js';

const REFRESH_MILLIS = 2000;
const MAX_MESSAGES = 5;

const page = {
	jobs: document.querySelector('#jobs tbody'),
	runs: document.querySelector('#runs tbody'),
	messages: document.getElementById('messages'),
	refreshState: document.getElementById('refresh-state'),
	tokenForm: document.getElementById('token-form'),
	tokenInput: document.getElementById('token'),
	forgetToken: document.getElementById('forget-token'),
	report: document.getElementById('report'),
	reportTitle: document.getElementById('report-title'),
	reportBody: document.getElementById('report-body'),
};

let timer = null;
let loads = Promise.resolve();
let needsToken = false;
let reportRunId = null;
let reportStatus = null;

// --- messages

function dismissible(kind, text, source) {
	const message = el('div', { class: `message ${kind}`, 'data-source': source, role: kind === 'error' ? 'alert' : null },
		el('p', {}, text),
		el('button', { type: 'button', class: 'dismiss', 'aria-label': 'Dismiss this message' }, '×'));
	message.querySelector('button').addEventListener('click', () => message.remove());
	return message;
}

function show(kind, text, source = 'action') {
	if (source === 'refresh') {
		page.messages.querySelector('[data-source="refresh"]')?.remove();
	}
	page.messages.prepend(dismissible(kind, text, source));
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
	page.messages.prepend(message);
}

// --- token

function askForToken() {
	needsToken = true;
	clearTimeout(timer);
	page.jobs.replaceChildren();
	page.runs.replaceChildren();
	closeReport();
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

async function load() {
	const [jobs, runs] = await Promise.all([getJson('api/jobs'), getJson('api/runs?limit=50')]);
	replaceRows(page.jobs, jobs.length > 0 ? jobs.map(jobRow)
		: [el('tr', {}, el('td', { colspan: 7, class: 'muted' }, 'No job files in the jobs folder.'))]);
	replaceRows(page.runs, runs.length > 0 ? runs.map(runRow)
		: [el('tr', {}, el('td', { colspan: 11, class: 'muted' }, 'No runs yet.'))]);
	const open = reportRunId !== null && runs.find((run) => run.runId === reportRunId);
	if (open && (isRunning(open) || open.status !== reportStatus)) {
		await showReport(reportRunId, false);
	}
	page.messages.querySelector('[data-source="refresh"]')?.remove();
	page.forgetToken.hidden = !storedToken();
	page.refreshState.textContent = `Updated ${new Date().toLocaleTimeString()}`;
}

/** Loads both tables (after a load already under way, so that an action's effect shows), then schedules the next. */
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

// --- report panel

async function showReport(runId, focus) {
	const report = await getJson(`api/runs/${runId}/report`);
	if (!focus && reportRunId !== runId) {
		return; // closed or switched while loading
	}
	reportRunId = runId;
	reportStatus = report.run.status;
	page.reportTitle.textContent = `Report of run ${runId}`;
	page.reportBody.replaceChildren(reportBody(report));
	page.report.hidden = false;
	if (focus) {
		page.reportTitle.setAttribute('tabindex', '-1');
		page.reportTitle.focus();
		page.report.scrollIntoView({ block: 'nearest' });
	}
}

function closeReport() {
	reportRunId = null;
	page.report.hidden = true;
	page.reportBody.replaceChildren();
}

document.getElementById('close-report').addEventListener('click', closeReport);

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

const actions = {
	start: async (control) => {
		const launch = await post(`api/jobs/${encodeURIComponent(control.dataset.job)}/runs`);
		show('info', launched(launch));
		if (launch.outcome === 'ALREADY_COMPLETED') {
			offerRunAnew(control.dataset.job);
		}
	},
	anew: async (control) => {
		control.closest('.message')?.remove();
		show('info', launched(await post(`api/jobs/${encodeURIComponent(control.dataset.job)}/runs?new=true`)));
	},
	stop: async (control) => {
		await post(`api/runs/${control.dataset.run}/stop`);
		show('info', `Stop requested: run ${control.dataset.run} stops at its next chunk boundary.`);
	},
	resume: async (control) => {
		const launch = await post(`api/runs/${control.dataset.run}/resume`);
		show('info', launch.outcome === 'RESUMED' ? `Resumed run ${launch.runId} of job ${launch.job}.` : launched(launch));
	},
	report: (control) => showReport(Number(control.dataset.run), true),
	download: async (control) => show('info', `Downloaded ${await download(control.getAttribute('href'),
		control.dataset.name)}.`),
	reload: async () => {
		const jobs = await post('api/jobs/reload');
		replaceRows(page.jobs, jobs.map(jobRow));
		const invalid = jobs.filter((job) => !job.valid).length;
		show('info', `Reloaded ${jobs.length} job file(s)${invalid > 0 ? `, ${invalid} invalid` : ''}.`);
	},
};

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
		if (control.dataset.action !== 'download' && control.dataset.action !== 'report') {
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

document.querySelector('main').addEventListener('click', act);

refresh();
