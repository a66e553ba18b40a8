// The service's JSON API as the dashboard uses it: every call carries the bearer token when one is kept, and every
// failure becomes an ApiError holding the problem detail's title and detail.

const TOKEN_KEY = 'glmbatch.service.token';

/** A failed call: the HTTP status (0 when the service could not be reached) and the problem detail's text. */
export class ApiError extends Error {
	constructor(status, title, detail) {
		super(detail ? `${title}: ${detail}` : title);
		this.name = 'ApiError';
		this.status = status;
		this.title = title;
		this.detail = detail;
	}
}

/** The token kept for this tab only, or null. */
export function storedToken() {
	return sessionStorage.getItem(TOKEN_KEY);
}

/** Keeps the token for this tab only (sessionStorage: gone when the tab closes); a blank value forgets it. */
export function storeToken(token) {
	const trimmed = (token ?? '').trim();
	if (trimmed) {
		sessionStorage.setItem(TOKEN_KEY, trimmed);
	}
	else {
		sessionStorage.removeItem(TOKEN_KEY);
	}
}

async function call(method, path, accept) {
	const headers = { Accept: accept };
	const token = storedToken();
	if (token) {
		headers.Authorization = `Bearer ${token}`;
	}
	let response;
	try {
		response = await fetch(path, { method, headers, cache: 'no-store' });
	}
	catch (error) {
		throw new ApiError(0, 'The service cannot be reached', `${method} ${path} failed (${error.message})`);
	}
	if (!response.ok) {
		throw await problemOf(response, method, path);
	}
	return response;
}

async function problemOf(response, method, path) {
	const fallback = `${method} ${path} answered ${response.status} ${response.statusText}`.trim();
	const type = response.headers.get('Content-Type') ?? '';
	if (type.includes('json')) {
		try {
			const problem = await response.json();
			return new ApiError(response.status, String(problem.title ?? `HTTP ${response.status}`),
				problem.detail != null ? String(problem.detail) : fallback);
		}
		catch {
			// not JSON after all: fall through to the status line
		}
	}
	return new ApiError(response.status, `HTTP ${response.status}`, fallback);
}

/** GETs a JSON resource. */
export async function getJson(path) {
	return (await call('GET', path, 'application/json')).json();
}

/** POSTs without a body and answers the JSON reply. */
export async function post(path) {
	return (await call('POST', path, 'application/json')).json();
}

/**
 * Downloads a file with the token in the header (a plain link could not carry it), then hands it to the browser as
 * a blob URL under the name the service gave in Content-Disposition. Answers that name.
 */
export async function download(path, fallbackName) {
	const response = await call('GET', path, '*/*');
	const name = fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName;
	const url = URL.createObjectURL(await response.blob());
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.hidden = true;
	document.body.append(link);
	link.click();
	link.remove();
	// the download has started once click() returns, but give slow browsers a moment before letting go of the blob
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
	return name;
}

function fileNameOf(disposition) {
	if (!disposition) {
		return null;
	}
	const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		}
		catch {
			// malformed escape: try the plain parameter
		}
	}
	const plain = /filename\s*=\s*"((?:[^"\\]|\\.)*)"|filename\s*=\s*([^;]+)/i.exec(disposition);
	if (!plain) {
		return null;
	}
	return (plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim()) || null;
}
