// Small time-series charts drawn with uPlot, which the service serves itself (a WebJar): no CDN, no build step.
// Times on the x axis are 24-hour, in the service's zone.

import uPlot from '../webjars/uplot/dist/uPlot.esm.js';
import { clock, el, shownZone } from './view.js';

const HEIGHT = 130;

const COLORS = ['#0a58ca', '#bf3989', '#1a7f37', '#9a6700'];

function widthOf(box) {
	return Math.max(240, Math.floor(box.clientWidth || box.parentElement?.clientWidth || 320));
}

const DAY = 86_400;

// ticks a whole second apart at least: the samples are seconds apart, and a tick between two would repeat a label
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, DAY,
	2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 91 * DAY, 182 * DAY, 365 * DAY];

/** The time of day under a span shorter than a day; the date and the minute under a longer one (a job's history). */
function tickText(u, at, zone) {
	const text = clock(new Date(at * 1000), true, zone);
	return u.scales.x.max - u.scales.x.min > DAY ? text.slice(5, 16) : text.slice(11);
}

function timeAxis(zone) {
	return {
		incrs: TIME_STEPS,
		values: (u, splits) => splits.map((at) => (at == null ? '' : tickText(u, at, zone))),
		label: `time (${shownZone()})`,
		labelSize: 18,
		labelFont: '12px system-ui, sans-serif',
		font: '11px system-ui, sans-serif',
	};
}

/** The time axis around one sample (a run that ended within seconds) is a minute either side, not a whole day. */
function timeRange(u, min, max) {
	const xs = u.data?.[0];
	return xs?.length === 1 && xs[0] != null ? [xs[0] - 60, xs[0] + 60] : [min, max];
}

/** Values that are all zero (no 429 yet, nothing paid) are drawn on 0 to 1, not on uPlot's 0 to 100. */
function valueRange(u, min, max) {
	return min == null ? [null, null] : min === 0 && max === 0 ? [0, 1] : uPlot.rangeNum(min, max, 0.1, true);
}

/**
 * A chart in a box of its own inside `parent`, kept by `key` in `charts` so that a refresh only hands it new data.
 * `spec`: { title, series: [{ label, scale?, format? }], axes?: [{ scale, side, format }], points? }.
 * `data`: [xs (epoch seconds), ...one array per series].
 */
export function chart(charts, key, parent, spec, data) {
	const known = charts.get(key);
	if (known && known.box.isConnected) {
		known.plot.setData(data);
		return known.plot;
	}
	const box = el('figure', { class: 'chart', 'data-chart': key, 'aria-label': spec.title });
	parent.append(box);
	const axes = spec.axes ?? [{ scale: 'y', side: 3, format: spec.series[0].format }];
	// wallClock: the x values are the service's local times read as UTC
	const zone = spec.wallClock ? 'UTC' : undefined;
	const plot = new uPlot({
		title: spec.title,
		width: widthOf(box),
		height: HEIGHT,
		scales: Object.fromEntries([['x', { time: true, range: timeRange }],
			...axes.map((axis) => [axis.scale, { range: valueRange }])]),
		legend: { live: true },
		cursor: { drag: { x: false, y: false } },
		series: [
			{ value: (u, at) => (at == null ? '—' : `${clock(new Date(at * 1000), true, zone)} ${shownZone()}`) },
			...spec.series.map((series, i) => ({
				label: series.label,
				scale: series.scale ?? 'y',
				stroke: COLORS[i % COLORS.length],
				width: 2,
				points: { show: spec.points ?? data[0].length < 3 },
				value: (u, value) => (value == null ? '—' : (series.format ?? String)(value)),
			})),
		],
		axes: [timeAxis(zone), ...axes.map((axis) => ({
			scale: axis.scale,
			side: axis.side ?? 3,
			size: 64,
			font: '11px system-ui, sans-serif',
			grid: { show: axis.side !== 1 },
			values: (u, splits) => splits.map((value) => (axis.format ?? String)(value)),
		}))],
	}, data, box);
	charts.set(key, { plot, box });
	return plot;
}

/** Fits every chart to its box again after the window was resized. */
export function fit(charts) {
	for (const { plot, box } of charts.values()) {
		if (box.isConnected) {
			plot.setSize({ width: widthOf(box), height: HEIGHT });
		}
	}
}

/** Drops the charts (their boxes go with the view they were in). */
export function forget(charts) {
	for (const { plot } of charts.values()) {
		plot.destroy();
	}
	charts.clear();
}
