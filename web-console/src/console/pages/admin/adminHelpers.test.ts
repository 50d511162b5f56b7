import { describe, expect, it } from 'vitest';
import {
  dateInputValue, defaultSmtpPort, expiryInstant, extensionTypes, importRowErrors, initialSettings, personLabel, settingsInput,
} from './adminHelpers.ts';

const fields = [
  { name: 'rootFolder', label: 'Root folder', type: 'PATH', required: true, secret: false, defaultValue: null, options: [] },
  { name: 'overwrite', label: 'Overwrite', type: 'BOOLEAN', required: false, secret: false, defaultValue: 'true', options: [] },
  { name: 'password', label: 'Password', type: 'STRING', required: false, secret: true, defaultValue: null, options: [] },
  { name: 'mode', label: 'Mode', type: 'SELECT', required: false, secret: false, defaultValue: null, options: ['a', 'b'] },
];

describe('generated settings forms', () => {
  it('start from the stored values, then the defaults, and never from a secret', () => {
    expect(initialSettings(fields, [{ name: 'rootFolder', value: '/data' }, { name: 'password', value: 'leaked?' }]))
      .toEqual({ rootFolder: '/data', overwrite: 'true', password: '', mode: '' });
  });

  it('leave an empty secret out so the stored one is kept, and send a typed one', () => {
    expect(settingsInput(fields, { rootFolder: '/data', overwrite: 'false', password: '', mode: '' }, true))
      .toEqual([{ name: 'rootFolder', value: '/data' }, { name: 'overwrite', value: 'false' }, { name: 'mode', value: null }]);
    expect(settingsInput(fields, { rootFolder: '/data', overwrite: 'true', password: 's3cret', mode: 'b' }, false))
      .toEqual([{ name: 'rootFolder', value: '/data' }, { name: 'overwrite', value: 'true' }, { name: 'password', value: 's3cret' },
        { name: 'mode', value: 'b' }]);
  });

  it('leave empty values out on creation so the plugin defaults apply', () => {
    expect(settingsInput(fields, { rootFolder: '  ', overwrite: '', password: '', mode: '' }, false)).toEqual([]);
  });

  it('list the started plugins\' types of one point once, by type id', () => {
    const plugins = [
      { state: 'STARTED', extensions: [{ point: 'StorageTarget', typeId: 'Sftp' }, { point: 'OutputFormat', typeId: 'Pdf' }] },
      { state: 'FAILED', extensions: [{ point: 'StorageTarget', typeId: 'Broken' }] },
      { state: 'STARTED', extensions: [{ point: 'StorageTarget', typeId: 'Folder' }, { point: 'StorageTarget', typeId: 'Sftp' }] },
    ];
    expect(extensionTypes(plugins, 'StorageTarget').map((t) => t.typeId)).toEqual(['Folder', 'Sftp']);
    expect(extensionTypes(undefined, 'StorageTarget')).toEqual([]);
  });
});

describe('the users import', () => {
  it('groups the refused rows by row number, in order', () => {
    expect(importRowErrors([
      { line: 4, reason: 'License: must be one of Creator, Explorer, Viewer, Unlicensed' },
      { line: 2, reason: 'Email: missing or not an email address' },
      { line: 4, reason: 'Role: must be Administrator or Member' },
    ])).toEqual([
      { line: 2, reasons: ['Email: missing or not an email address'] },
      { line: 4, reasons: ['License: must be one of Creator, Explorer, Viewer, Unlicensed', 'Role: must be Administrator or Member'] },
    ]);
  });

  it('reads field errors as row 0 and ignores what is not a list', () => {
    expect(importRowErrors([{ field: 'file', message: 'must be an Excel workbook' }])).toEqual([{ line: 0, reasons: ['file: must be an Excel workbook'] }]);
    expect(importRowErrors(null)).toEqual([]);
    expect(importRowErrors({ line: 1 })).toEqual([]);
  });
});

describe('small rules', () => {
  it('pick an expiry day and send the end of that day', () => {
    expect(dateInputValue(new Date('2026-12-30T22:00:00Z'), 90)).toBe('2027-03-30');
    expect(expiryInstant('2027-03-30')).toBe('2027-03-30T23:59:59Z');
    expect(expiryInstant('30/03/2027')).toBeNull();
    expect(expiryInstant('2027-13-45')).toBeNull();
  });

  it('default the SMTP port from the security', () => {
    expect(defaultSmtpPort('Ssl')).toBe(465);
    expect(defaultSmtpPort('StartTls')).toBe(587);
    expect(defaultSmtpPort('None')).toBe(25);
  });

  it('label people by name and email', () => {
    expect(personLabel({ name: 'Ada Lovelace', email: 'ada@example.com' })).toBe('Ada Lovelace (ada@example.com)');
    expect(personLabel({ name: null, email: 'ada@example.com' })).toBe('ada@example.com');
  });
});
