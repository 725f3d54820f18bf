// channel-members: who is in a channel (GET /api/v1/channels/:id/members)
// and, for its members, adding others (POST .../members): how a private
// channel gets its people. Folded by default under "N members".
import { t } from './i18n.js';
import { api } from './api.js';
import { h, loading, errorBox, toast } from './dom.js';
import { loadTeam, memberPicker } from './team.js';

// onAdded() after people were added (the channel's count changed); open:
// shown unfolded (drawn again after an addition).
export function membersPanel(channel, onAdded, open = false) {
  const body = h('div', { class: 'channel-members-body' }, loading());
  const panel = h('details', { class: 'card channel-members', id: 'channel-members' },
    h('summary', { id: 'channel-members-toggle' }, t('channels.members', { n: channel.members })), body);
  let loaded = false;
  panel.addEventListener('toggle', () => { if (panel.open && !loaded) { loaded = true; fill(); } });
  if (open) {
    loaded = true;
    panel.open = true;
    fill();
  }

  async function fill() {
    let members, team;
    try {
      [members, team] = await Promise.all([api('GET', `/api/v1/channels/${channel.id}/members`), channel.member ? loadTeam() : []]);
    } catch (e) {
      body.replaceChildren(errorBox(e, fill));
      return;
    }
    const inside = new Set(members.items.map((u) => u.id));
    const list = h('ul', { class: 'member-list', id: 'channel-member-list' }, members.items.map((u) => h('li', { 'data-user-id': u.id },
      h('span', null, u.name), h('span', { class: 'muted small' }, ` · @${u.handle} · ${t(`role.${u.role}`)}`))));
    const others = team.filter((u) => !inside.has(u.id));
    if (!channel.member || !others.length) {
      body.replaceChildren(list, channel.member ? null : h('p', { class: 'muted small' }, t('channels.joinToAdd')));
      return;
    }
    const picker = memberPicker(others, [], { field: 'user_ids', legend: t('channels.addMembers') });
    const add = h('button', { type: 'submit', class: 'btn btn-primary', id: 'channel-members-add' }, t('channels.addButton'));
    const form = h('form', { class: 'channel-members-form', novalidate: true, onsubmit: async (e) => {
      e.preventDefault();
      const ids = picker.value();
      if (!ids.length) { toast(t('channels.pickSomeone'), 'error'); return; }
      add.disabled = true;
      try {
        await api('POST', `/api/v1/channels/${channel.id}/members`, { body: { user_ids: ids } });
        toast(t('channels.membersAdded', { n: ids.length }), 'success');
        onAdded();
      } catch (err) {
        toast(err.errors?.[0]?.message || err.message, 'error');
      } finally {
        add.disabled = false;
      }
    } }, picker.el, h('div', { class: 'form-actions' }, add));
    body.replaceChildren(list, form);
  }
  return panel;
}
