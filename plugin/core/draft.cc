#include "plugin/core/draft.h"
