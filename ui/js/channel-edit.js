// channel-edit: the form that renames a channel or changes its topic
// (PATCH /api/v1/channels/:id with its version). Its creator and admins
// see it; an object's channel keeps its object's name, so only the topic
// may change there. A stale version reloads the channel and says so.
import { t } from './i18n.js';
import { api } from './api.js';
import { session } from './session.js';
import { h, field, formSummary, showErrors, clearErrors, toast } from './dom.js';

export function mayEditChannel(channel) {
  return session.user.role === 'admin' || (channel.created_by != null && channel.created_by === session.user.id);
}

// onDone(channel) after a save, a stale version (with the fresh channel) or
// a cancel (with the channel unchanged).
export function channelEditForm(channel, onDone) {
  const ofObject = Boolean(channel.object_type);
  const name = h('input', { class: 'input', id: 'channel-edit-name', maxlength: '80', value: channel.name, disabled: ofObject, autocomplete: 'off' });
  const topic = h('textarea', { class: 'input', id: 'channel-edit-topic', maxlength: '500', rows: '2' }, channel.topic || '');
  const save = h('button', { type: 'submit', class: 'btn btn-primary', id: 'channel-edit-save' }, t('action.save'));
  const cancel = h('button', { type: 'button', class: 'btn btn-ghost', id: 'channel-edit-cancel', onclick: () => onDone(channel) }, t('action.cancel'));
  const form = h('form', { class: 'card channel-edit', id: 'channel-edit', novalidate: true, 'aria-labelledby': 'channel-edit-title' },
    h('h2', { id: 'channel-edit-title' }, t('channels.editTitle')),
    formSummary(),
    field(t('channels.name'), name, { name: 'name', required: !ofObject,
      hint: ofObject ? t(`channels.nameFollows.${channel.object_type}`) : t('channels.renameHint', { slug: channel.slug }) }),
    field(t('channels.topic'), topic, { name: 'topic', wide: true }),
    h('div', { class: 'form-actions' }, save, cancel));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const body = { topic: topic.value };
    if (!ofObject) body.name = name.value;
    save.disabled = true;
    try {
      const fresh = await api('PATCH', `/api/v1/channels/${channel.id}`, { body, version: channel.version });
      toast(t('channels.saved'), 'success');
      onDone(fresh);
    } catch (err) {
      if (err.status === 412) {
        toast(t('error.stale'), 'error');
        onDone(await api('GET', `/api/v1/channels/${channel.id}`));
      } else if (err.status === 409) {
        showErrors(form, { errors: [{ field: 'name', message: err.message }] });
      } else if (!showErrors(form, err)) {
        toast(err.message, 'error');
      }
    } finally {
      save.disabled = false;
    }
  });
  setTimeout(() => (ofObject ? topic : name).focus(), 0);
  return form;
}
