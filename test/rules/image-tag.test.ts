import { imageTag } from '../../server/src/rules/image-tag';
import { ruleTester } from '../harness/rule-tester';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const NO_TAG = (image: string): string => `Base image "${image}" has no tag, so it means "latest".`;
const LATEST = (image: string): string => `Base image "${image}" uses the moving "latest" tag.`;

ruleTester(imageTag, {
  valid: [
    { name: 'explicit tag', code: 'FROM node:20.11-bookworm-slim\n' },
    { name: 'digest without tag', code: `FROM node@${DIGEST}\n` },
    { name: 'latest pinned by digest', code: `FROM node:latest@${DIGEST}\n` },
    { name: 'registry with a port, tag and digest', code: `FROM registry.example.com:5000/team/app:latest@${DIGEST}\n` },
    { name: 'stage reference', code: 'FROM alpine:3.20 AS base\nFROM base\n' },
    { name: 'stage reference in another case', code: 'FROM alpine:3.20 AS Base\nFROM base\n' },
    { name: 'stage reference by index', code: 'FROM alpine:3.20\nFROM 0\n' },
    { name: 'stage reference through a variable', code: 'ARG STAGE=build\nFROM alpine:3.20 AS build\nFROM $STAGE\n' },
    { name: 'scratch', code: 'FROM scratch\n' },
    { name: 'SCRATCH in capitals', code: 'FROM SCRATCH\n' },
    { name: 'build argument without default', code: 'ARG BASE\nFROM $BASE\n' },
    { name: 'build argument without default, even with a :- fallback (its value is only known at build time)', code: 'ARG TAG\nFROM ruby:${TAG:-latest}\n' },
    { name: 'tag from a build argument with default', code: 'ARG V=3.20\nFROM alpine:${V}\n' },
    { name: 'a :- fallback that is not used', code: 'ARG TAG=3.3\nFROM ruby:${TAG:-latest}\n' },
    { name: 'a :- fallback with a tag', code: 'ARG BASE=\nFROM ${BASE:-debian:12}\n' },
    { name: 'an ARG declared in a stage is not visible to FROM', code: 'FROM alpine:3.20 AS a\nARG BASE=node\nFROM $BASE\n' },
    { name: 'registry with port and tag', code: 'FROM localhost:5000/app:1.0\n' },
    { name: 'a tag that only looks like latest', code: 'FROM node:latest-alpine\nFROM node:LATEST\n' },
    { name: '--platform with a tag', code: 'FROM --platform=linux/amd64 node:20\n' },
    { name: 'no FROM at all', code: 'ARG A=1\n' },
  ],
  invalid: [
    {
      name: 'no tag',
      code: 'FROM python\n',
      findings: [{ message: NO_TAG('python'), range: [0, 5, 0, 11] }],
    },
    {
      name: 'latest',
      code: 'FROM alpine:latest AS a\n',
      findings: [{ message: LATEST('alpine:latest'), range: [0, 5, 0, 18] }],
    },
    {
      name: 'lower-case from',
      code: 'from node\n',
      findings: [{ message: NO_TAG('node'), range: [0, 5, 0, 9] }],
    },
    {
      name: 'registry with a port and no tag: the port is not a tag',
      code: 'FROM localhost:5000/team/app\n',
      findings: [{ message: NO_TAG('localhost:5000/team/app'), range: [0, 5, 0, 28] }],
    },
    {
      name: 'registry with a port and latest',
      code: 'FROM registry.example.com:5000/team/app:latest\n',
      findings: [{ message: LATEST('registry.example.com:5000/team/app:latest'), range: [0, 5, 0, 46] }],
    },
    {
      name: 'explicit docker.io latest',
      code: 'FROM docker.io/library/node:latest\n',
      findings: [{ message: LATEST('docker.io/library/node:latest'), range: [0, 5, 0, 34] }],
    },
    {
      name: 'with --platform: the range is the image',
      code: 'FROM --platform=$BUILDPLATFORM golang AS build\n',
      findings: [{ message: NO_TAG('golang'), range: [0, 31, 0, 37] }],
    },
    {
      name: 'with --platform and latest',
      code: 'FROM --platform=linux/arm64 node:latest AS x\n',
      findings: [{ message: LATEST('node:latest'), range: [0, 28, 0, 39] }],
    },
    {
      name: 'resolved through a global ARG: the message names what it resolves to, the range is $BASE',
      code: 'ARG BASE=node\nFROM $BASE\n',
      findings: [{ message: 'Base image "$BASE" resolves to "node", which has no tag, so it means "latest".', range: [1, 5, 1, 10] }],
    },
    {
      name: '${VAR} braces',
      code: 'ARG BASE=node\nFROM ${BASE} AS app\n',
      findings: [{ message: 'Base image "${BASE}" resolves to "node", which has no tag, so it means "latest".', range: [1, 5, 1, 12] }],
    },
    {
      name: 'a tag variable defaulting to latest',
      code: 'ARG TAG=latest\nFROM node:$TAG\n',
      findings: [{ message: 'Base image "node:$TAG" resolves to "node:latest", which uses the moving "latest" tag.', range: [1, 5, 1, 14] }],
    },
    {
      name: '${VAR:-latest} with an undeclared variable',
      code: 'FROM node:${TAG:-latest}\n',
      findings: [{ message: 'Base image "node:${TAG:-latest}" resolves to "node:latest", which uses the moving "latest" tag.', range: [0, 5, 0, 24] }],
    },
    {
      name: '${VAR:-latest} with an empty default',
      code: 'ARG TAG=\nFROM ruby:${TAG:-latest}\n',
      findings: [{ message: 'Base image "ruby:${TAG:-latest}" resolves to "ruby:latest", which uses the moving "latest" tag.', range: [1, 5, 1, 24] }],
    },
    {
      name: '${VAR:-default} for the whole image',
      code: 'ARG BASE=\nFROM ${BASE:-debian}\n',
      findings: [{ message: 'Base image "${BASE:-debian}" resolves to "debian", which has no tag, so it means "latest".', range: [1, 5, 1, 20] }],
    },
    {
      name: 'registry from a variable',
      code: 'ARG REGISTRY=ghcr.io\nFROM $REGISTRY/org/app\n',
      findings: [{ message: 'Base image "$REGISTRY/org/app" resolves to "ghcr.io/org/app", which has no tag, so it means "latest".', range: [1, 5, 1, 22] }],
    },
    {
      name: 'continued FROM',
      code: 'FROM \\\n  node\n',
      findings: [{ message: NO_TAG('node'), range: [1, 2, 1, 6] }],
    },
    {
      name: 'a name used as a stage only later is an image here',
      code: 'FROM base\nFROM alpine:3.20 AS base\n',
      findings: [{ message: NO_TAG('base'), range: [0, 5, 0, 9] }],
    },
    {
      name: 'a stage built on latest is flagged once, at its own FROM',
      code: 'FROM node:latest AS builder\nFROM builder\n',
      findings: [{ message: LATEST('node:latest'), range: [0, 5, 0, 16] }],
    },
    {
      name: 'every stage is checked',
      code: 'FROM golang AS build\nFROM alpine:3.20\nFROM debian\n',
      findings: [
        { message: NO_TAG('golang'), range: [0, 5, 0, 11] },
        { message: NO_TAG('debian'), range: [2, 5, 2, 11] },
      ],
    },
    {
      name: 'CRLF',
      code: 'FROM node\r\nRUN true\r\n',
      findings: [{ message: NO_TAG('node'), range: [0, 5, 0, 9] }],
    },
  ],
});
