// ritual-form: create or change a ritual: name, frequency, the weekday or
// day of the month, the time (Paris), the duration, the first date, the
// participants and the channel its notes go to (its own, or a team channel).
import { t } from '../i18n.js';
import { api } from '../api.js';
import { h, field, select, formSummary, pageHeader, loading } from '../dom.js';
import { FREQUENCIES } from '../labels.js';
import { text, int, saveOnSubmit } from '../form-util.js';
import { session } from '../session.js';
import { loadTeam, memberPicker } from '../team.js';

export async function render(ctx) {
  const id = ctx.params[0];
  ctx.setTitle(id ? t('ritualForm.editTitle') : t('ritualForm.newTitle'));
  ctx.main.append(loading());
  const [team, channels, ritual] = await Promise.all([loadTeam(), loadTeamChannels(),
    id ? api('GET', `/api/v1/rituals/${id}`) : Promise.resolve(null)]);
  if (!ctx.alive()) return;
  ctx.main.replaceChildren();
  draw(ctx, team, channels, ritual);
}

// The team channels the caller sees (those a ritual may be given), by name.
async function loadTeamChannels() {
  const page = await api('GET', '/api/v1/channels?kind=team&limit=200');
  return page.items.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

// Where the notes go: "" for a channel of the ritual's own, or a team
// channel's id. A private channel the editor is not in stays as it is.
function channelPicker(channels, ritual) {
  const current = ritual && !ritual.channel_dedicated ? ritual.channel_id : null;
  const options = [['', t('ritualForm.ownChannel')],
    ...channels.map((c) => [c.id, c.visibility === 'private' ? t('ritualForm.privateChannel', { name: c.name }) : c.name])];
  if (current && !channels.some((c) => c.id === current)) options.push([current, t('ritualForm.hiddenChannel')]);
  const el = select(options, current ?? '');
  el.id = 'ritual-channel';
  return { el, value: () => (el.value ? Number(el.value) : null) };
}

function draw(ctx, team, channels, ritual) {
  const r = ritual || { frequency: 'weekly', time: '09:30', duration_minutes: 30, participant_ids: [session.user.id] };
  const name = h('input', { type: 'text', maxlength: '200', value: r.name || '', autocomplete: 'off', id: 'ritual-name' });
  const frequency = select(FREQUENCIES.map((f) => [f, t(`frequency.${f}`)]), r.frequency);
  frequency.id = 'ritual-frequency';
  const weekday = select([1, 2, 3, 4, 5, 6, 7].map((d) => [d, t(`weekday.${d}`)]), r.weekday || 1);
  weekday.id = 'ritual-weekday';
  const monthDay = h('input', { type: 'number', min: '1', max: '28', value: r.month_day || 1, id: 'ritual-month-day' });
  const time = h('input', { type: 'time', value: r.time, id: 'ritual-time', step: '60' });
  const duration = h('input', { type: 'number', min: '5', max: '480', step: '5', value: r.duration_minutes, id: 'ritual-duration' });
  const startsOn = h('input', { type: 'date', value: r.starts_on || '', id: 'ritual-starts-on' });
  const description = h('textarea', { rows: '3', maxlength: '5000', id: 'ritual-description' });
  description.value = r.description || '';
  const participants = memberPicker(team, r.participant_ids, { field: 'participant_ids', legend: t('ritual.participants') });
  const channel = channelPicker(channels, ritual);
  const weekdayField = field(t('ritual.weekday'), weekday, { name: 'weekday' });
  const monthDayField = field(t('ritual.monthDayLabel'), monthDay, { name: 'month_day', hint: t('ritualForm.monthDayHint') });
  const sync = () => {
    weekdayField.hidden = frequency.value !== 'weekly';
    monthDayField.hidden = frequency.value !== 'monthly';
  };
  frequency.addEventListener('change', sync);
  sync();
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ritual-save' }, ritual ? t('action.save') : t('ritualForm.create'));
  const form = h('form', { class: 'card form', novalidate: true, id: 'ritual-form' },
    formSummary(),
    h('div', { class: 'form-grid' },
      field(t('ritual.name'), name, { name: 'name', required: true, wide: true }),
      field(t('ritual.frequency'), frequency, { name: 'frequency', required: true, hint: t('ritualForm.frequencyHint') }),
      weekdayField, monthDayField,
      field(t('ritual.time'), time, { name: 'time', required: true, hint: t('ritualForm.timeHint') }),
      field(t('ritual.duration'), duration, { name: 'duration_minutes' }),
      field(t('ritual.startsOn'), startsOn, { name: 'starts_on' }),
      field(t('ritual.description'), description, { name: 'description', wide: true }),
      participants.el,
      field(t('ritual.channel'), channel.el, { name: 'channel_id', wide: true, hint: t('ritualForm.channelHint') })),
    h('div', { class: 'form-actions' }, h('a', { class: 'btn btn-ghost', href: ritual ? `#/rituals/${ritual.id}` : '#/rituals' }, t('action.cancel')), submit));
  ctx.main.append(
    h('nav', { class: 'crumbs', 'aria-label': t('nav.crumbs') }, h('a', { href: '#/rituals' }, t('rituals.title')), ' / ', ritual ? ritual.name : t('ritualForm.newTitle')),
    pageHeader(ritual ? t('ritualForm.editTitle') : t('ritualForm.newTitle')), form);
  saveOnSubmit(ctx, form, submit, {
    collection: '/api/v1/rituals', route: '#/rituals', object: ritual,
    body: () => {
      const b = { name: name.value.trim(), frequency: frequency.value, time: time.value, duration_minutes: int(duration),
        description: text(description), participant_ids: participants.value(), channel_id: channel.value() };
      if (frequency.value === 'weekly') b.weekday = Number(weekday.value);
      if (frequency.value === 'monthly') b.month_day = int(monthDay);
      if (startsOn.value) b.starts_on = startsOn.value;
      if (b.duration_minutes === null) delete b.duration_minutes;
      return b;
    },
    saved: t('ritual.saved'), created: t('ritual.created'),
    redraw: (fresh) => draw(ctx, team, channels, fresh),
  });
  name.focus();
}
