import { describe, expect, it } from 'bun:test';
import { addressKey, expandIpv6 } from '../../../src/net/address.ts';

describe('addressKey', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['::FFFF:10.0.0.1', '10.0.0.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not-an-address', 'unknown'],
    [undefined, 'unknown'],
    ['', 'unknown'],
  ])('%p counts as %p', (remote, key) => {
    expect(addressKey(remote)).toBe(key);
  });
});

describe('expandIpv6', () => {
  it.each([
    ['::', ['0', '0', '0', '0', '0', '0', '0', '0']],
    ['1::', ['1', '0', '0', '0', '0', '0', '0', '0']],
    ['64:ff9b::192.0.2.33', ['64', 'ff9b', '0', '0', '0', '0', 'c000', '221']],
    ['1:2:3:4:5:6:7:8', ['1', '2', '3', '4', '5', '6', '7', '8']],
    ['1:2:3:4:5:6:7', null],
    ['1::2::3', null],
    ['1:2:3:4:5:6:7:8::', null],
    ['12345::', null],
  ])('%p -> %p', (input, groups) => {
    expect(expandIpv6(input)).toEqual(groups);
  });
});
