import { invalidDefaultArgInFrom } from '../../../server/src/rules/buildkit/invalid-default-arg-in-from';
import { ruleTester } from '../../harness/rule-tester';

ruleTester(invalidDefaultArgInFrom, {
  valid: [
    { name: 'a default', code: 'ARG VERSION="latest"\nFROM busybox:${VERSION}\n' },
    { name: 'an empty suffix', code: 'ARG VARIANT=""\nFROM busybox:stable${VARIANT}\n' },
    { name: 'an unset suffix', code: 'ARG VARIANT\nFROM busybox:stable${VARIANT}\n' },
    { name: 'a default in the reference', code: 'ARG TAG\nFROM busybox:${TAG:-stable}\n' },
    { name: 'scratch and stage names', code: 'FROM scratch AS base\nFROM base\n' },
    { name: 'automatic arguments', code: 'FROM alpine:$TARGETARCH\n' },
  ],
  invalid: [
    {
      name: 'an ARG without default as the tag',
      code: 'ARG VERSION\nFROM busybox:$VERSION\n',
      findings: [{ message: 'With the default values of its build arguments, "busybox:$VERSION" is "busybox:", which is not a valid image reference.', range: [1, 5, 1, 21] }],
    },
    {
      name: 'the whole image from an ARG without default',
      code: 'ARG IMAGE\nFROM $IMAGE AS base\nFROM base\n',
      findings: [{ message: 'With the default values of its build arguments, "$IMAGE" is empty.', range: [1, 5, 1, 11] }],
    },
    {
      name: 'a default that makes an invalid reference',
      code: 'ARG SFX="box:"\nFROM busy${SFX}\n',
      findings: [{ message: 'With the default values of its build arguments, "busy${SFX}" is "busybox:", which is not a valid image reference.', range: [1, 5, 1, 15] }],
    },
    {
      name: 'an invalid reference without variables',
      code: 'FROM Alpine:3.20\n',
      findings: [{ message: '"Alpine:3.20" is not a valid image reference.', range: [0, 5, 0, 16] }],
    },
  ],
});
