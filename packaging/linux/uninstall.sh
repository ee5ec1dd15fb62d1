#!/bin/sh
# Remove Finetune Studio installed by install.sh (your projects and models are kept).
exec sh "$(dirname "$0")/install.sh" --uninstall
