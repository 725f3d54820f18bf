// labels: the words and badges for the product's fixed values.
import { t } from './i18n.js';
import { h } from './dom.js';

export const NEED_STATUSES = ['draft', 'qualified', 'open', 'staffed', 'closed'];
export const REMOTE = ['none', 'partial', 'full'];
export const STAGES = ['sourced', 'contacted', 'interview', 'client_interview', 'offer', 'hired', 'rejected', 'withdrawn'];
export const EXITS = ['rejected', 'withdrawn'];
export const KINDS = ['candidate', 'consultant'];
export const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'];
export const VERDICTS = ['go', 'go_with_conditions', 'no_go'];
export const ACCEPTABLE = ['go', 'go_with_conditions'];

export function statusBadge(status) {
  return h('span', { class: `badge status-${status}` }, t(`status.${status}`));
}

export function kindBadge(kind) {
  return h('span', { class: `badge kind-${kind}` }, t(`kind.${kind}`));
}

// Skill chips, at most max of them and "+n" for the rest.
export function skillChips(skills, { max = 5, level } = {}) {
  const shown = skills.slice(0, max);
  return h('ul', { class: 'chips' },
    shown.map((s) => h('li', { class: s.mandatory ? 'chip chip-mandatory' : 'chip', title: s.mandatory ? t('skill.mandatory') : null },
      s.label || s.skill,
      level && (s.min_level || s.level) ? h('span', { class: 'chip-level' }, ` ${s.min_level || s.level}`) : null)),
    skills.length > max ? h('li', { class: 'chip chip-more' }, `+${skills.length - max}`) : null);
}

export function dealStageBadge(stage) {
  return h('span', { class: `badge deal-stage deal-${stage}` }, t(`deal.stage.${stage}`));
}

export function verdictBadge(verdict) {
  return h('span', { class: `badge verdict verdict-${verdict}` }, t(`verdict.${verdict}`));
}

// The feasibility gate of a deal, as the server applies it: null when the
// deal may be won, else the reason ('required' or 'noGo').
export function wonBlocker(deal) {
  const v = deal.latest_review && deal.latest_review.verdict;
  if (ACCEPTABLE.includes(v)) return null;
  return v === 'no_go' ? 'noGo' : 'required';
}

// incidents and rituals
export const INCIDENT_STATUSES = ['open', 'in_progress', 'resolved', 'closed'];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'];
export const FREQUENCIES = ['daily', 'weekly', 'monthly'];

export function severityBadge(severity) {
  return h('span', { class: `badge severity severity-${severity}` }, t(`severity.${severity}`));
}

export function incidentStatusBadge(status) {
  return h('span', { class: `badge incident-status incident-${status}` }, t(`incidentStatus.${status}`));
}

export function overdueBadge() {
  return h('span', { class: 'badge badge-danger overdue' }, t('incident.overdue'));
}
