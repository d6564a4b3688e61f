import { z } from 'zod';
import { command } from './contract';
import { AppInfo, Settings, SettingsPatch } from './app';
import { FaultRule, FaultRuleInput } from '../model/faults';
import { Id, InventorySnapshot } from '../model/inventory';
import { DriverInfo } from './drivers';

const none = z.strictObject({});

/** Every command the renderer may call, by dotted name. Main, preload, browser shell and renderer use this map. */
export const commands = {
  'app.info': command(none, AppInfo),
  'settings.get': command(none, Settings),
  'settings.update': command(SettingsPatch, Settings),
  'inventory.snapshot': command(none, InventorySnapshot),
  'drivers.list': command(none, z.array(DriverInfo)),
  'faults.list': command(z.strictObject({ driverId: Id }), z.array(FaultRule)),
  'faults.add': command(z.strictObject({ driverId: Id, rule: FaultRuleInput }), FaultRule),
  'faults.remove': command(z.strictObject({ driverId: Id, ruleId: Id }), z.null()),
  'faults.clear': command(z.strictObject({ driverId: Id }), z.null()),
};

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandRequest<N extends CommandName> = z.input<Commands[N]['request']>;
export type CommandResponse<N extends CommandName> = z.output<Commands[N]['response']>;
export const commandNames = Object.keys(commands) as CommandName[];
