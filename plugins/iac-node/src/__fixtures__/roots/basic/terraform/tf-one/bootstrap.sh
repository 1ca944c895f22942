#!/bin/sh
echo "${#1} ${{ not-evaluated }}"
