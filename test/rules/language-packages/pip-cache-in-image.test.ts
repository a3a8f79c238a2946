import { pipCacheInImage } from '../../../server/src/rules/language-packages/pip-cache-in-image';
import { ruleTester } from '../../harness/rule-tester';

const M = 'pip install keeps its download cache in the image.';
const F = 'FROM python:3.12\n';

ruleTester(pipCacheInImage, {
  valid: [
    { name: '--no-cache-dir', code: `${F}RUN pip install --no-cache-dir flask==3.0.3\n` },
    { name: '--no-cache-dir before the verb', code: `${F}RUN pip --no-cache-dir install flask==3.0.3\n` },
    { name: 'python -m pip with --no-cache-dir', code: `${F}RUN python3 -m pip install --no-cache-dir -r requirements.txt\n` },
    { name: 'ENV PIP_NO_CACHE_DIR=1', code: `${F}ENV PIP_NO_CACHE_DIR=1\nRUN pip install flask\n` },
    { name: 'ENV PIP_NO_CACHE_DIR=true, legacy form', code: `${F}ENV PIP_NO_CACHE_DIR true\nRUN pip install flask\n` },
    { name: 'ENV PIP_NO_CACHE_DIR=off: pip turns the cache off for any boolean', code: `${F}ENV PIP_NO_CACHE_DIR=off\nRUN pip install flask\n` },
    { name: 'ARG PIP_NO_CACHE_DIR=1', code: `${F}ARG PIP_NO_CACHE_DIR=1\nRUN pip install flask\n` },
    { name: 'ENV inherited from the parent stage', code: 'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install flask\n' },
    { name: 'set before the command', code: `${F}RUN PIP_NO_CACHE_DIR=1 pip install flask && env PIP_NO_CACHE_DIR=yes pip install gunicorn\n` },
    { name: 'a cache mount over pip\'s cache', code: `${F}RUN --mount=type=cache,target=/root/.cache/pip pip install flask\n` },
    { name: 'a cache mount over ~/.cache', code: `${F}RUN --mount=type=cache,id=pip,target=/root/.cache \\\n    pip install flask\n` },
    { name: 'a cache mount over --cache-dir', code: `${F}RUN --mount=type=cache,target=/pipcache pip install --cache-dir /pipcache flask\n` },
    { name: 'a cache mount over PIP_CACHE_DIR', code: `${F}ENV PIP_CACHE_DIR=/var/cache/pip\nRUN --mount=type=cache,target=/var/cache/pip pip install flask\n` },
    { name: 'a build stage only copied from', code: 'FROM python:3.12 AS build\nRUN pip install --prefix /install flask\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\n' },
    { name: 'pip cache purge later in the RUN', code: `${F}RUN pip install flask && pip cache purge\n` },
    { name: 'the cache removed later in the RUN', code: `${F}RUN pip install flask && rm -rf /root/.cache/pip\n` },
    { name: 'pipx, pipenv, pip download', code: `${F}RUN pipx install black && pipenv install && pip download flask\n` },
    { name: 'words of another command', code: `${F}RUN echo pip install flask\n` },
  ],
  invalid: [
    {
      name: 'pip install',
      code: `${F}RUN pip install flask\n`,
      findings: [{ message: M, range: [1, 4, 1, 15], aliases: ['DL3042'] }],
      fixTitle: 'Add --no-cache-dir',
      output: `${F}RUN pip install --no-cache-dir flask\n`,
    },
    {
      name: 'python -m pip, sudo, continuation',
      code: `${F}RUN python3 -m pip install -r requirements.txt \\\n && sudo pip3 install \\\n    gunicorn\n`,
      findings: [
        { message: M, range: [1, 4, 1, 26] },
        { message: M, range: [2, 9, 2, 21] },
      ],
      output: `${F}RUN python3 -m pip install --no-cache-dir -r requirements.txt \\\n && sudo pip3 install --no-cache-dir \\\n    gunicorn\n`,
    },
    {
      name: 'the variable set in another stage',
      code: 'FROM python:3.12 AS other\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install flask\n',
      findings: [{ message: M, range: [3, 4, 3, 15] }],
      output: 'FROM python:3.12 AS other\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.12\nRUN pip install --no-cache-dir flask\n',
    },
    {
      name: 'a value pip does not read as a boolean',
      code: `${F}ENV PIP_NO_CACHE_DIR=\nRUN pip install flask\n`,
      findings: [{ message: M, range: [2, 4, 2, 15] }],
      output: `${F}ENV PIP_NO_CACHE_DIR=\nRUN pip install --no-cache-dir flask\n`,
    },
    {
      name: 'a cache mount elsewhere',
      code: `${F}RUN --mount=type=cache,target=/root/.npm pip install flask\n`,
      findings: [{ message: M, range: [1, 41, 1, 52] }],
      output: `${F}RUN --mount=type=cache,target=/root/.npm pip install --no-cache-dir flask\n`,
    },
    {
      name: 'the cache removed before the install',
      code: `${F}RUN rm -rf /root/.cache/pip && pip install flask\n`,
      findings: [{ message: M, range: [1, 31, 1, 42] }],
      output: `${F}RUN rm -rf /root/.cache/pip && pip install --no-cache-dir flask\n`,
    },
    {
      name: 'a stage the final stage builds on',
      code: 'FROM python:3.12 AS base\nRUN pip install flask\nFROM base\nCMD ["flask"]\n',
      findings: [{ message: M, range: [1, 4, 1, 15] }],
      output: 'FROM python:3.12 AS base\nRUN pip install --no-cache-dir flask\nFROM base\nCMD ["flask"]\n',
    },
    {
      name: 'heredoc',
      code: `${F}RUN <<EOF\nset -e\npip install flask\nEOF\n`,
      findings: [{ message: M, range: [3, 0, 3, 11] }],
      output: `${F}RUN <<EOF\nset -e\npip install --no-cache-dir flask\nEOF\n`,
    },
    {
      name: 'exec form',
      code: `${F}RUN ["pip", "install", "flask"]\n`,
      findings: [{ message: M, range: [1, 5, 1, 21] }],
      output: `${F}RUN ["pip", "install", "--no-cache-dir", "flask"]\n`,
    },
    {
      name: 'exec form with sh -c',
      code: `${F}RUN ["sh", "-c", "pip install flask"]\n`,
      findings: [{ message: M, range: [1, 18, 1, 29] }],
      output: `${F}RUN ["sh", "-c", "pip install --no-cache-dir flask"]\n`,
    },
  ],
});
