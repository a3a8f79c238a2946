import { untrustedRegistry } from '../../../server/src/rules/instructions/untrusted-registry';
import { ruleTester } from '../../harness/rule-tester';

const opts = { registries: ['registry.example.com', 'docker.io'] };

ruleTester(untrustedRegistry, {
  valid: [
    { name: 'no registries configured: silent', code: 'FROM quay.io/org/app:1\n' },
    { name: 'a trusted registry', code: 'FROM registry.example.com/base/alpine:3.20\n', options: { registries: ['registry.example.com'] } },
    { name: 'Docker Hub, implicit', code: 'FROM alpine:3.20\nFROM library/node:20\n', options: opts },
    { name: 'Docker Hub by another name', code: 'FROM index.docker.io/library/alpine:3.20\n', options: { registries: ['hub.docker.com'] } },
    { name: 'stages and scratch', code: 'FROM registry.example.com/go:1 AS build\nFROM scratch\nFROM build\n', options: { registries: ['registry.example.com'] } },
    { name: 'a wildcard', code: 'FROM eu.mirror.example.com/alpine:3.20\n', options: { registries: ['*.example.com'] } },
    { name: 'an image from a build argument with no default', code: 'ARG IMAGE\nFROM $IMAGE\n', options: opts },
  ],
  invalid: [
    {
      name: 'a registry not in the list',
      code: 'FROM quay.io/org/app:1.2\n',
      options: opts,
      findings: [{ message: 'Image "quay.io/org/app:1.2" comes from registry "quay.io", which is not trusted.', range: [0, 5, 0, 24] }],
    },
    {
      name: 'Docker Hub when only a private registry is trusted, ARG resolved',
      code: 'ARG TAG=3.20\nFROM alpine:${TAG} AS base\nFROM registry.example.com/app:1\n',
      options: { registries: ['registry.example.com'] },
      findings: [{ message: 'Image "alpine:3.20" comes from registry "docker.io", which is not trusted.', range: [1, 5, 1, 18] }],
    },
  ],
});
