# PyInstaller runtime hook, added by finetune-studio.spec when it trims the NVIDIA libraries
# (FTS_CUDA=trim, the default with CUDA builds of torch on Linux). The trimmed bundle keeps
# only the CUDA libraries `import torch` needs, not the ones it loads to compute on a GPU, so
# GPUs are hidden from torch: it then trains on the CPU instead of failing half-way.
import os

os.environ["CUDA_VISIBLE_DEVICES"] = ""
