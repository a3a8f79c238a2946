import { imageTag } from '../../server/src/rules/image-tag';
import { ruleTester } from '../harness/rule-tester';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

ruleTester(imageTag, {
  valid: [
    { name: 'explicit tag', code: 'FROM node:20.11-bookworm-slim\n' },
    { name: 'digest without tag', code: `FROM node@${DIGEST}\n` },
    { name: 'latest pinned by digest', code: `FROM node:latest@${DIGEST}\n` },
    { name: 'stage reference', code: 'FROM alpine:3.20 AS base\nFROM base\n' },
    { name: 'stage reference by index', code: 'FROM alpine:3.20\nFROM 0\n' },
    { name: 'scratch', code: 'FROM scratch\n' },
    { name: 'SCRATCH in capitals', code: 'FROM SCRATCH\n' },
    { name: 'build argument without default', code: 'ARG BASE\nFROM $BASE\n' },
    { name: 'tag from a build argument with default', code: 'ARG V=3.20\nFROM alpine:${V}\n' },
    { name: 'registry with port and tag', code: 'FROM localhost:5000/app:1.0\n' },
  ],
  invalid: [
    {
      name: 'no tag',
      code: 'FROM python\n',
      findings: [{ message: 'Base image "python" has no tag, so it means "latest".', range: [0, 5, 0, 11] }],
    },
    {
      name: 'latest',
      code: 'FROM alpine:latest AS a\n',
      findings: [{ message: 'Base image "alpine:latest" uses the moving "latest" tag.', range: [0, 5, 0, 18] }],
    },
    {
      name: 'registry with a port and no tag',
      code: 'FROM localhost:5000/team/app\n',
      findings: [{ message: 'Base image "localhost:5000/team/app" has no tag, so it means "latest".', range: [0, 5, 0, 28] }],
    },
    {
      name: 'with --platform',
      code: 'FROM --platform=$BUILDPLATFORM golang AS build\n',
      findings: [{ message: 'Base image "golang" has no tag, so it means "latest".', range: [0, 31, 0, 37] }],
    },
    {
      name: 'resolved through a global ARG',
      code: 'ARG BASE=node\nFROM $BASE\n',
      findings: [{ message: 'Base image "node" has no tag, so it means "latest" (resolves to "node" through $BASE).', range: [1, 5, 1, 10] }],
    },
    {
      name: 'a ${VAR:-default} form',
      code: 'ARG TAG\nFROM ruby:${TAG:-latest}\n',
      findings: [],
    },
    {
      name: 'empty default falls back to latest',
      code: 'ARG TAG=\nFROM ruby:${TAG:-latest}\n',
      findings: [{ message: 'Base image "ruby:latest" uses the moving "latest" tag (resolves to "ruby:latest" through $TAG).', range: [1, 5, 1, 24] }],
    },
    {
      name: 'every stage is checked',
      code: 'FROM golang AS build\nFROM alpine:3.20\nFROM debian\n',
      findings: [
        { message: 'Base image "golang" has no tag, so it means "latest".', range: [0, 5, 0, 11] },
        { message: 'Base image "debian" has no tag, so it means "latest".', range: [2, 5, 2, 11] },
      ],
    },
  ],
});
