import { strict as assert } from 'node:assert';
import { golangDefaultDebian, imageInfoOf } from '../../../server/src/engine/images';

describe('engine/images: the Debian release of golang tags', () => {
  // docker-library/golang moved the unsuffixed default to trixie on 2025-08-12 for the Go versions
  // still supported (1.24, 1.25); 1.23 and older kept their last default.
  const rows: [string, number | undefined][] = [
    ['golang:1.27', 13],
    ['golang:1.24.6', 13],
    ['golang:1.23', 12],
    ['golang:1.22', 12],
    ['golang:1.19', 12],
    ['golang:1.18', 11],
    ['golang:1.16.15', 11],
    ['golang:1.15', 10],
    ['golang', 13],
    ['golang:latest', 13],
    ['golang:1', 13],
    ['golang:1.22-bullseye', 11],
    ['golang:1.26-bookworm', 12],
    ['golang:1.22-alpine', undefined],
  ];
  for (const [image, debian] of rows) {
    it(`${image} → ${debian ?? 'not Debian'}`, () => assert.equal(imageInfoOf(image).debian, debian));
  }

  it('golangDefaultDebian without a version is the current default', () => {
    assert.equal(golangDefaultDebian(undefined), 13);
    assert.equal(golangDefaultDebian({ major: 1, minor: 21 }), 12);
  });
});
